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
 *
 * <p>A bounded source ({@link #boundedStrategy}) never takes that periodic step: "no record since
 * the previous emission" is a fact of the wall clock, and a task held up between two records that
 * share an arrival millisecond (backpressure, a loaded machine) would move the clock to that
 * millisecond before reading the second one, which every stage then applies late and out of its
 * canonical order. Its clock reaches {@code t} when a later record is read, or at the end of input.
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

    private final boolean periodic;
    private long newest = Long.MIN_VALUE;
    private boolean recordSincePeriodic;
    private long emitted = Long.MIN_VALUE;

    /** The live clock: catches up with the newest arrival when the feed pauses. */
    public ArrivalWatermarks() {
        this(true);
    }

    /** @param periodic whether a quiet period moves the clock to the newest arrival (live feeds only) */
    private ArrivalWatermarks(boolean periodic) {
        this.periodic = periodic;
    }

    /** The clock of a bounded source: moved by records only, so it is the same however the run is timed. */
    public static <T> ArrivalWatermarks<T> bounded() {
        return new ArrivalWatermarks<>(false);
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
        WatermarkStrategy<Incident> strategy = WatermarkStrategy.<Incident>forGenerator(context -> new ArrivalWatermarks<Incident>())
                .withTimestampAssigner((incident, previous) -> arrivalOf(incident));
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }

    /** The clock on a bounded source's incidents (backtests, replays): records alone move it. */
    public static WatermarkStrategy<Incident> boundedStrategy() {
        return WatermarkStrategy.<Incident>forGenerator(context -> ArrivalWatermarks.<Incident>bounded())
                .withTimestampAssigner((incident, previous) -> arrivalOf(incident));
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
        if (periodic && !recordSincePeriodic && newest != Long.MIN_VALUE) {
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
