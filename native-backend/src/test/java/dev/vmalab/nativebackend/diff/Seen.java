package dev.vmalab.nativebackend.diff;

import dev.vmalab.model.maple.MapleStatus;

/**
 * What one side showed after one op: the entry returned (a pool name, {@code null}, or for a
 * write {@code ok}), and for cursor ops the state's index, last and status.
 */
record Seen(String entry, long index, long last, MapleStatus status) {
    static Seen of(String entry) {
        return new Seen(entry, 0, 0, null);
    }

    boolean sameExceptStatus(Seen o) {
        return entry.equals(o.entry) && index == o.index && last == o.last;
    }

    @Override
    public String toString() {
        return status == null ? entry : entry + " [" + Op.h(index) + ", " + Op.h(last) + "] " + status;
    }
}
