package org.ember.infra.bench;

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
    private final double quietCores;
    private final long quietNanos;
    private boolean started;
    private long lastWall;
    private long lastCpu;
    /** Where the current quiet stretch began: the end of the last busy interval, or the first sample. */
    private long quietSince;
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
        if (!started) {
            started = true;
            quietSince = wallNanos;
        } else {
            long wall = wallNanos - lastWall;
            if (wall > 0 && (cpuNanos - lastCpu) / (double) wall >= quietCores) {
                quietSince = wallNanos; // busy since the last sample: the quiet stretch starts again here
            }
        }
        lastWall = wallNanos;
        lastCpu = cpuNanos;
        if (wallNanos - quietSince >= quietNanos) {
            drainedAt = quietSince;
            return true;
        }
        return false;
    }

    /** Since when the process has been quiet, or −1 while it is not known to have drained. */
    public long drainedAt() {
        return drainedAt;
    }
}
