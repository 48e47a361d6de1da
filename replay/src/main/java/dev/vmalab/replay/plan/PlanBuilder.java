package dev.vmalab.replay.plan;

import dev.vmalab.traces.event.MapsRead;
import dev.vmalab.traces.event.ProcessStart;
import dev.vmalab.traces.event.ThreadExit;
import dev.vmalab.traces.event.ThreadStart;
import dev.vmalab.traces.event.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over the trace in time order. Trace threads go to workers round-robin in order
 * of first appearance (balanced, and independent of tid values). A pid's address space
 * changes at fork (a new space copied from the parent's) and exec (a fresh one); a
 * process seen before any fork/exec gets a space that exists from the start.
 */
final class PlanBuilder {
    private final int workers;
    private final Map<Integer, Integer> workerOfTid = new HashMap<>();
    private final Map<Integer, Integer> spaceOfPid = new HashMap<>();
    private final List<Boolean> preexisting = new ArrayList<>();
    private final List<Set<Integer>> liveThreads = new ArrayList<>();
    /** Per space: the last step that changed its mappings. */
    private final List<Integer> lastChange = new ArrayList<>();

    PlanBuilder(int workers) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1");
        this.workers = workers;
    }

    ReplayPlan build(List<TraceEvent> events, double warmup) {
        Step[] steps = new Step[events.size()];
        List<List<Integer>> perWorker = new ArrayList<>();
        for (int w = 0; w < workers; w++) perWorker.add(new ArrayList<>());
        int[] threads = new int[workers];
        for (int seq = 0; seq < steps.length; seq++) {
            TraceEvent e = events.get(seq);
            Integer w = workerOfTid.get(e.tid());
            if (w == null) {
                w = workerOfTid.size() % workers;
                workerOfTid.put(e.tid(), w);
                threads[w]++;
            }
            Step st = ordered(step(seq, e));
            steps[seq] = st;
            perWorker.get(w).add(seq);
        }
        int[][] stepsOfWorker = perWorker.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        boolean[] pre = new boolean[preexisting.size()];
        for (int i = 0; i < pre.length; i++) pre[i] = preexisting.get(i);
        return new ReplayPlan(steps, stepsOfWorker, threads, pre, (int) Math.floor(steps.length * warmup));
    }

    private Step step(int seq, TraceEvent e) {
        return switch (e) {
            case ProcessStart ps -> {
                Integer old = spaceOfPid.get(ps.pid());
                int source = ps.how() == ProcessStart.How.FORK ? spaceOf(ps.parentPid()) : -1;
                int retired = ps.how() == ProcessStart.How.EXEC && old != null ? old : -1;
                int s = newSpace(false);
                spaceOfPid.put(ps.pid(), s);
                liveThreads.get(s).add(ps.tid());
                yield new Step(seq, e, s, source, retired, false, -1);
            }
            case ThreadStart ts -> {
                int s = spaceOf(ts.pid());
                liveThreads.get(s).add(ts.tid());
                yield new Step(seq, e, s, -1, -1, false, -1);
            }
            case ThreadExit te -> {
                int s = spaceOf(te.pid());
                Set<Integer> live = liveThreads.get(s);
                boolean last = live.remove(te.tid()) && live.isEmpty();
                yield new Step(seq, e, s, -1, -1, last, -1);
            }
            case MapsRead mr -> {
                liveThreads.get(spaceOf(mr.pid())).add(mr.tid());
                yield new Step(seq, e, spaceOf(mr.targetPid()), -1, -1, false, -1);
            }
            default -> {
                int s = spaceOf(e.pid());
                liveThreads.get(s).add(e.tid());
                yield new Step(seq, e, s, -1, -1, false, -1);
            }
        };
    }

    /** Adds the ordering edge: after the last mapping change of its space (or of a fork's parent). */
    private Step ordered(Step s) {
        int after = s.space() >= 0 ? lastChange.get(s.space()) : -1;
        if (s.source() >= 0) after = Math.max(after, lastChange.get(s.source()));
        if (s.retired() >= 0) after = Math.max(after, lastChange.get(s.retired()));
        Step out = new Step(s.seq(), s.event(), s.space(), s.source(), s.retired(), s.teardown(), after);
        if (out.changesMappings()) {
            lastChange.set(s.space(), s.seq());
            if (s.retired() >= 0) lastChange.set(s.retired(), s.seq());
        }
        return out;
    }

    private int spaceOf(int pid) {
        Integer s = spaceOfPid.get(pid);
        if (s == null) {
            s = newSpace(true);
            spaceOfPid.put(pid, s);
        }
        return s;
    }

    private int newSpace(boolean before) {
        preexisting.add(before);
        liveThreads.add(new LinkedHashSet<>());
        lastChange.add(-1);
        return preexisting.size() - 1;
    }
}
