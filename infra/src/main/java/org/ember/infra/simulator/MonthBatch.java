package org.ember.infra.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.model.Feed;
import org.ember.model.codec.Json;

/**
 * The records of one simulated month while they are being made: the month's random stream, its
 * reference counters, the malformation step and the list that is finally sorted by emit time.
 */
final class MonthBatch {
    private final YearMonth month;
    private final String monthTag;
    private final SplittableRandom random;
    private final double malformedShare;
    private final ReplayTally tally;
    private final List<SimulatedRecord> records = new ArrayList<>();
    private final int[] counters = new int[Counter.values().length];

    /** Per-month reference counters: references stay unique because each carries the month tag. */
    enum Counter {
        AMBULANCE_CALL,
        AE_ATTENDANCE,
        NAVIGATOR_EVENT,
        NAVIGATOR_PERSON,
        INTEL_REPORT,
        HEALTH_ONLY_ASSAULT
    }

    MonthBatch(YearMonth month, long seed, double malformedShare, ReplayTally tally) {
        this.month = month;
        this.monthTag = month.format(DateTimeFormatter.ofPattern("yyyyMM"));
        this.random = new SplittableRandom(monthSeed(seed, month));
        this.malformedShare = malformedShare;
        this.tally = tally;
    }

    /**
     * A well-mixed seed per month, so a month's records depend only on the seed and the month: a
     * run from March gives the same March as a run from January.
     */
    static long monthSeed(long seed, YearMonth month) {
        return mix64(seed + mix64(month.getYear() * 12L + month.getMonthValue()));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    YearMonth month() {
        return month;
    }

    /** yyyyMM, used inside references. */
    String monthTag() {
        return monthTag;
    }

    SplittableRandom random() {
        return random;
    }

    /** The next number of a counter, from 1. */
    int next(Counter counter) {
        return ++counters[counter.ordinal()];
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A uniformly random duration in [min, max], whole seconds. */
    Duration between(Duration min, Duration max) {
        return Duration.ofSeconds(random.nextLong(min.toSeconds(), max.toSeconds() + 1));
    }

    /**
     * Adds a record, or (with the malformed share) a broken copy of it in its place: a partner's
     * broken message replaces the good one, it does not come in addition to it.
     */
    void emit(Feed feed, Instant at, String key, Object record, String truthId) {
        byte[] bytes;
        MalformedKind kind = null;
        if (chance(malformedShare)) {
            kind = Malformer.pickKind(feed, random);
            bytes = Malformer.breakRecord(feed, record, kind, random);
        } else {
            bytes = Json.toBytes(record);
        }
        tally.record(feed, kind);
        records.add(new SimulatedRecord(feed, at.toEpochMilli(), key, bytes, truthId, kind != null));
    }

    /** The month's records by emit time; ties keep the order they were made in. */
    List<SimulatedRecord> sorted() {
        List<SimulatedRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(SimulatedRecord::emitTime)); // List.sort is stable
        return sorted;
    }
}
