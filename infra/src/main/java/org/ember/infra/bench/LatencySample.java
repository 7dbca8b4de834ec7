package org.ember.infra.bench;

import java.util.Arrays;

/** Latencies in milliseconds, collected from one thread, summarised by exact percentiles. */
public final class LatencySample {
    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    public synchronized int size() {
        return size;
    }

    /** The {@code q} quantile (nearest rank), or -1 when empty. */
    public synchronized long quantile(double q) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))];
    }

    public synchronized long max() {
        return quantile(1.0);
    }
}
