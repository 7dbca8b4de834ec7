package org.ember.jobs.order;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.ember.model.Incident;

/**
 * The job's clock: arrival time. A feed's records are read in the order they were appended, so once
 * a record stamped {@code t} has been read, everything before {@code t} has been: the watermark
 * follows the newest arrival at once ({@code t − 1} after each record, since another record may
 * share {@code t}), and reaches {@code t} on the first periodic emission with no record since the
 * previous one. No feed's lateness holds the clock back: event time decides only which windows a
 * record belongs to (see docs/rules.md, "Determinism").
 */
public final class ArrivalWatermarks<T> implements WatermarkGenerator<T> {
    /**
     * How often Flink asks for a periodic watermark: small, because the watermark passing a
     * record's arrival is what lets every stage apply it.
     */
    public static final Duration INTERVAL = Duration.ofMillis(20);

    /**
     * The longest a silent live feed holds the clock before it counts as idle. Short: on the arrival
     * clock a feed that wakes up sends records stamped with their append time, ahead of the clock
     * the other feeds moved, so nothing is gained by waiting long, and every stage waits for the
     * slowest feed's watermark. (A record that does come behind the clock, from a producer whose
     * clock lags or a partition that was held up, is applied at once and counted as late by arrival.)
     */
    public static final Duration LIVE_IDLENESS_CAP = Duration.ofMillis(200);

    private final boolean bounded;
    private long newest = Long.MIN_VALUE;
    private boolean recordSincePeriodic;
    private long emitted = Long.MIN_VALUE;

    /** The live clock: a quiet period lets the watermark reach the newest arrival. */
    public ArrivalWatermarks() {
        this(false);
    }

    /**
     * @param bounded a bounded replay: the watermark stays one millisecond behind the newest arrival
     *                until the input ends (+∞ then flushes the rest). A quiet period proves nothing in
     *                a replay: a task held up for 20 ms by a busy machine, between two records stamped
     *                with the same millisecond, would otherwise see the second arrive behind the clock
     *                (late by arrival, applied out of canonical order), so the output would depend on
     *                the machine's load.
     */
    public ArrivalWatermarks(boolean bounded) {
        this.bounded = bounded;
    }

    /**
     * Arrival time of an incident: its Kafka append time, or when a source gives none (0 or
     * negative: a test's hand-made record), its reported time.
     */
    public static long arrivalOf(Incident incident) {
        return incident.appendedAt() > 0 ? incident.appendedAt() : incident.reportedTime();
    }

    /**
     * The clock on ingested incidents, for sources that are not Kafka's (bounded replays, tests);
     * live Kafka feeds use {@link org.ember.jobs.kafka.KafkaArrivalClock}, which goes idle only when
     * the broker confirms a feed has been read to the end.
     *
     * @param idleness null: never idle (bounded sources); else how long a silent feed keeps the clock
     */
    public static WatermarkStrategy<Incident> strategy(Duration idleness) {
        return strategy(idleness, false);
    }

    /** @param bounded the sources are a bounded replay (see {@link #ArrivalWatermarks(boolean)}) */
    public static WatermarkStrategy<Incident> strategy(Duration idleness, boolean bounded) {
        WatermarkStrategy<Incident> strategy = WatermarkStrategy.<Incident>forGenerator(
                        context -> new ArrivalWatermarks<Incident>(bounded))
                .withTimestampAssigner((incident, previous) -> arrivalOf(incident));
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
        recordSincePeriodic = true;
        if (timestamp > newest) {
            newest = timestamp;
            emit(newest - 1, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!bounded && !recordSincePeriodic && newest != Long.MIN_VALUE) {
            emit(newest, output);
        }
        recordSincePeriodic = false;
    }

    private void emit(long watermark, WatermarkOutput output) {
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
