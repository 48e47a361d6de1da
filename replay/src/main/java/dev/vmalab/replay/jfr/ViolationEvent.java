package dev.vmalab.replay.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Event;

/** A correctness violation, as the model reported it. */
@Name("dev.vmalab.Violation")
@Label("vmalab violation")
@Category("vmalab")
public final class ViolationEvent extends Event {
    @Label("Kind") public String kind;
    @Label("Strategy") public String strategy;
    @Label("Thread") public String modelThread;
    @Label("Address") public long address;
    @Label("Node") public String node;
    @Label("Detail") public String detail;
    @Label("Model step") public long step;
}
