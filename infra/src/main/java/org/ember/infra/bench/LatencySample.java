package org.ember.infra.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latencies in milliseconds, each with when its record was appended, collected from one thread and
 * summarised by exact percentiles: over the whole run, and by period of the time the records were
 * sent, so a short run shows how much of its tail is the job's start (catalogues loading, the JIT)
 * rather than its steady state.
 */
public final class LatencySample {
    private long[] values = new long[1024];
    private long[] sentAt = new long[1024];
    private int size;

    public synchronized void add(long appendedAtMillis, long millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            sentAt = Arrays.copyOf(sentAt, size * 2);
        }
        sentAt[size] = appendedAtMillis;
        values[size++] = millis;
    }

    public synchronized int size() {
        return size;
    }

    /** The {@code q} quantile (nearest rank), or -1 when empty. */
    public synchronized long quantile(double q) {
        return quantile(Arrays.copyOf(values, size), q);
    }

    public synchronized long max() {
        return quantile(1.0);
    }

    /** Latencies of the records sent in one period: [{@code fromMillis}, {@code toMillis}) after the start. */
    public record Period(long fromMillis, long toMillis, int count, long p50, long p99, long max) {}

    /**
     * The latencies by the period their records were sent in, {@code periodMillis} long from
     * {@code startMillis}; periods without an alert are left out.
     */
    public synchronized List<Period> byPeriod(long startMillis, long periodMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodMillis);
        }
        int periods = 0;
        for (int i = 0; i < size; i++) {
            if (sentAt[i] >= startMillis) {
                periods = (int) Math.max(periods, (sentAt[i] - startMillis) / periodMillis + 1);
            }
        }
        long[][] of = new long[periods][];
        int[] counts = new int[periods];
        for (int i = 0; i < size; i++) {
            if (sentAt[i] >= startMillis) {
                int p = (int) ((sentAt[i] - startMillis) / periodMillis);
                if (of[p] == null) {
                    of[p] = new long[8];
                } else if (counts[p] == of[p].length) {
                    of[p] = Arrays.copyOf(of[p], counts[p] * 2);
                }
                of[p][counts[p]++] = values[i];
            }
        }
        List<Period> out = new ArrayList<>();
        for (int p = 0; p < periods; p++) {
            if (counts[p] > 0) {
                long[] v = Arrays.copyOf(of[p], counts[p]);
                out.add(new Period(p * periodMillis, (p + 1) * periodMillis, counts[p], quantile(v, 0.5), quantile(v, 0.99),
                        quantile(v, 1.0)));
            }
        }
        return out;
    }

    private static long quantile(long[] values, double q) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
