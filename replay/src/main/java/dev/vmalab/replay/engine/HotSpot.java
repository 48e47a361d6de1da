package dev.vmalab.replay.engine;

/**
 * Where the faults were last: the churn thread splits the VMA there. Two plain volatile
 * fields, not one object, to keep faults allocation-free; a torn pair only aims the churn
 * at another mapping, which is harmless.
 */
final class HotSpot {
    private volatile int space = -1;
    private volatile long address;

    void hit(int space, long address) {
        this.address = address;
        this.space = space;
    }

    int space() {
        return space;
    }

    long address() {
        return address;
    }
}
