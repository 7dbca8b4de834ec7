package org.ember.infra.bench;

import java.util.ArrayDeque;

/**
 * When a job that was reading flat out has finished the work its input caused: the start of the
 * first stretch of {@code quietNanos} in which the process used less than {@code quietCores} of
 * CPU. Reading every record is not the end of the work: with every layer on, the fusion stage
 * lags the ingest by thousands of records held in network buffers, so a rate taken when the last
 * record is read counts records the job has not processed yet. An idle job still ticks
 * (checkpoints, timers, the bench's own reader), hence a threshold rather than zero.
 *
 * <p>Fed with samples of (wall time, process CPU time), both in nanoseconds and non-decreasing.
 */
public final class DrainDetector {
    private record Sample(long wall, long cpu) {}

    private final double quietCores;
    private final long quietNanos;
    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private long drainedAt = -1;

    public DrainDetector(double quietCores, long quietNanos) {
        if (!(quietCores > 0) || quietNanos <= 0) {
            throw new IllegalArgumentException("a quiet stretch needs a positive CPU threshold and length");
        }
        this.quietCores = quietCores;
        this.quietNanos = quietNanos;
    }

    /**
     * Adds a sample; returns whether the job has drained, and from then on {@link #drainedAt()} says
     * since when.
     */
    public boolean add(long wallNanos, long cpuNanos) {
        if (drainedAt >= 0) {
            return true;
        }
        Sample now = new Sample(wallNanos, cpuNanos);
        window.addLast(now);
        // The busy sample closest to now bounds the quiet stretch: drop samples from before any busy interval.
        Sample[] samples = window.toArray(Sample[]::new);
        for (int i = samples.length - 1; i > 0; i--) {
            Sample a = samples[i - 1];
            Sample b = samples[i];
            long wall = b.wall() - a.wall();
            if (wall > 0 && (b.cpu() - a.cpu()) / (double) wall >= quietCores) {
                while (window.peekFirst() != b) {
                    window.removeFirst();
                }
                break;
            }
        }
        Sample first = window.peekFirst();
        if (now.wall() - first.wall() >= quietNanos) {
            drainedAt = first.wall();
            return true;
        }
        return false;
    }

    /** Since when the process has been quiet, or −1 while it is not known to have drained. */
    public long drainedAt() {
        return drainedAt;
    }
}
