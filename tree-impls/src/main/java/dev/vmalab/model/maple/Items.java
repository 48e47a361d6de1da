package dev.vmalab.model.maple;

import java.util.Arrays;

/** A growable list of (max, value) pairs: the contents of one level while a writer rebuilds it. */
final class Items {
    private long[] maxes = new long[32];
    private Object[] values = new Object[32];
    private int size;

    void add(long max, Object value) {
        if (size == maxes.length) {
            maxes = Arrays.copyOf(maxes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        maxes[size] = max;
        values[size] = value;
        size++;
    }

    void append(Items other) {
        for (int i = 0; i < other.size; i++) add(other.maxes[i], other.values[i]);
    }

    void prepend(Items other) {
        Items merged = new Items();
        merged.append(other);
        merged.append(this);
        this.maxes = merged.maxes;
        this.values = merged.values;
        this.size = merged.size;
    }

    int size() {
        return size;
    }

    long max(int i) {
        return maxes[i];
    }

    long lastMax() {
        return maxes[size - 1];
    }

    Object value(int i) {
        return values[i];
    }

    /** Two null ranges side by side become one, as mas_wr_extend_null() ensures in the kernel. */
    void mergeAdjacentNulls() {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (w > 0 && values[r] == null && values[w - 1] == null) {
                maxes[w - 1] = maxes[r];
            } else {
                maxes[w] = maxes[r];
                values[w] = values[r];
                w++;
            }
        }
        size = w;
    }
}
