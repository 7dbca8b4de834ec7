package org.ember.infra.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a simulated sequence to the feed topics ({@code Feed.topic()}), each record stamped
 * with its emit time, paced so that simulated time runs {@code speed} times faster than the wall
 * clock (speed ≤ 0: as fast as possible). It stops at the end of the sequence, on {@link #stop()},
 * or at a limit. The runner owns the producer and closes it in {@link #close()}.
 */
public final class SimulatorRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRunner.class);
    /** Longest single sleep, so that a stop request is seen promptly. */
    private static final long MAX_SLEEP_MS = 200;
    private static final Duration DEFAULT_PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final int FAILURES_LOGGED_IN_FULL = 5;

    /**
     * When to stop early; null or non-positive parts mean no limit.
     *
     * @param simulated  simulated time to cover, from the first record's emit time
     * @param wall       wall-clock time to run
     * @param maxRecords records to send
     */
    public record Limits(Duration simulated, Duration wall, long maxRecords) {
        public static Limits none() {
            return new Limits(null, null, 0);
        }

        boolean simulatedReached(long elapsedSimulatedMs) {
            return simulated != null && !simulated.isZero() && !simulated.isNegative() && elapsedSimulatedMs >= simulated.toMillis();
        }

        boolean wallReached(long elapsedWallMs) {
            return wall != null && !wall.isZero() && !wall.isNegative() && elapsedWallMs >= wall.toMillis();
        }

        boolean recordsReached(long handedOver) {
            return maxRecords > 0 && handedOver >= maxRecords;
        }
    }

    /** Why a run ended. */
    public enum StopReason {
        FINISHED,
        STOPPED,
        SIMULATED_LIMIT,
        WALL_LIMIT,
        RECORD_LIMIT
    }

    /** The outcome of {@link #run()}. */
    public record Result(StopReason reason, SimulationStats.Snapshot stats, long wallMillis) {}

    private final Iterator<SimulatedRecord> records;
    private final Producer<String, byte[]> producer;
    private final double speed;
    private final Limits limits;
    private final WallClock clock;
    private final long progressEveryMs;
    private final SimulationStats stats = new SimulationStats();
    private volatile boolean stopRequested;

    public SimulatorRunner(Iterator<SimulatedRecord> records, Producer<String, byte[]> producer, double speed, Limits limits) {
        this(records, producer, speed, limits, WallClock.system(), DEFAULT_PROGRESS_EVERY);
    }

    public SimulatorRunner(Iterator<SimulatedRecord> records, Producer<String, byte[]> producer, double speed, Limits limits,
            WallClock clock, Duration progressEvery) {
        if (Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number, was " + speed);
        }
        this.records = Objects.requireNonNull(records, "records");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.speed = speed;
        this.limits = limits == null ? Limits.none() : limits;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressEveryMs = Math.max(1, progressEvery.toMillis());
    }

    public SimulationStats stats() {
        return stats;
    }

    /** Asks a running {@link #run()} to return after the record in hand; safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** Sends until the sequence ends, a limit is reached or {@link #stop()} is called; then flushes. */
    public Result run() {
        long wallStart = clock.millis();
        long nextProgress = wallStart + progressEveryMs;
        long firstEmit = Long.MIN_VALUE;
        long handedOver = 0;
        StopReason reason = StopReason.FINISHED;
        try {
            while (true) {
                if (stopRequested) {
                    reason = StopReason.STOPPED;
                    break;
                }
                if (limits.recordsReached(handedOver)) {
                    reason = StopReason.RECORD_LIMIT;
                    break;
                }
                if (limits.wallReached(clock.millis() - wallStart)) {
                    reason = StopReason.WALL_LIMIT;
                    break;
                }
                if (!records.hasNext()) {
                    break;
                }
                SimulatedRecord record = records.next();
                if (firstEmit == Long.MIN_VALUE) {
                    firstEmit = record.emitTime();
                }
                long simulatedElapsed = record.emitTime() - firstEmit;
                if (limits.simulatedReached(simulatedElapsed)) {
                    reason = StopReason.SIMULATED_LIMIT;
                    break;
                }
                // Wait until the wall clock catches up with the record's simulated time.
                long due = speed > 0 ? wallStart + (long) Math.floor(simulatedElapsed / speed) : Long.MIN_VALUE;
                StopReason interrupted = null;
                while (true) {
                    long now = clock.millis();
                    if (now >= nextProgress) {
                        logProgress(now - wallStart);
                        nextProgress = now + progressEveryMs;
                    }
                    if (stopRequested) {
                        interrupted = StopReason.STOPPED;
                        break;
                    }
                    if (limits.wallReached(now - wallStart)) {
                        interrupted = StopReason.WALL_LIMIT;
                        break;
                    }
                    if (now >= due) {
                        break;
                    }
                    long sleep = Math.min(MAX_SLEEP_MS, Math.min(due - now, nextProgress - now));
                    if (limits.wall() != null && limits.wall().toMillis() > 0) {
                        sleep = Math.min(sleep, Math.max(1, wallStart + limits.wall().toMillis() - now));
                    }
                    clock.sleep(Math.max(1, sleep));
                }
                if (interrupted != null) {
                    reason = interrupted;
                    break;
                }
                send(record);
                handedOver++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = StopReason.STOPPED;
        }
        producer.flush();
        long wallMillis = clock.millis() - wallStart;
        SimulationStats.Snapshot snapshot = stats.snapshot();
        LOG.info("simulation {} after {} s wall: {}", reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                wallMillis / 1000, snapshot.summary());
        return new Result(reason, snapshot, wallMillis);
    }

    private void send(SimulatedRecord record) {
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(record.feed().topic(), null, record.emitTime(),
                record.key(), record.value());
        stats.handedOver(record.emitTime());
        try {
            producer.send(message, (metadata, error) -> {
                if (error == null) {
                    stats.recordSent(record.feed(), record.malformed());
                } else {
                    failed(record, error);
                }
            });
        } catch (KafkaException e) {
            failed(record, e);
        }
    }

    private void failed(SimulatedRecord record, Exception error) {
        stats.recordFailed();
        long failures = stats.snapshot().failed();
        if (failures <= FAILURES_LOGGED_IN_FULL || failures % 1000 == 0) {
            LOG.warn("could not send {} record {} ({} failures so far): {}", record.feed().code(), record.key(), failures,
                    error.toString());
        }
    }

    private void logProgress(long wallElapsedMs) {
        SimulationStats.Snapshot snapshot = stats.snapshot();
        String simulated = snapshot.lastEmitTime() == null ? "not started" : Instant.ofEpochMilli(snapshot.lastEmitTime()).toString();
        LOG.info("simulated time {} after {} s wall; sent {}", simulated, wallElapsedMs / 1000, snapshot.summary());
    }

    /** Stops a run in progress and closes the producer (waiting up to 10 s for records in flight). */
    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(10));
    }
}
