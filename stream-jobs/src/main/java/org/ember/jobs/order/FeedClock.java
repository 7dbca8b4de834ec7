package org.ember.jobs.order;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The job's clock as one reader of a live feed sees it: arrival time, partition by partition. A
 * Kafka partition is read in the order it was appended, so once a record stamped {@code t} has been
 * read from a partition, everything before {@code t} in that partition has been; the reader's clock
 * is the slowest of its partitions (a feed has several partitions, and one can lag behind another
 * on the same reader). After a record a partition stands at its newest arrival − 1 (another record
 * may share that millisecond), and at the newest arrival itself on the first tick with no record
 * since the previous one.
 *
 * <p>A quiet partition stops holding the clock only once the broker confirms it has been read to
 * the end. Quiet on the wall clock is not enough: at start-up, after a restore, or behind another
 * feed's backlog on a loaded machine, a partition whose records are still waiting in Kafka looks
 * quiet too, and if it stopped holding the clock its records would be applied late and out of
 * order, and the same input would give different alerts run to run. It is the check Kafka Streams
 * makes with a partition's lag before it stops waiting for it. Only when the broker cannot confirm
 * it (unreachable, or a gap an aborted transaction left that is never read) does a partition stop
 * holding the clock after {@code maxHold} of quiet, and that is reported as forced.
 *
 * <p>Pure: the caller supplies a relative clock in milliseconds, the records read, and the
 * broker's offsets when it asked for them.
 */
public final class FeedClock {
    /** What the reader should do after a tick, besides emitting {@link Tick#watermark()}. */
    public enum Verdict {
        /** Keep holding the clock (records are flowing, or an answer is awaited). */
        HOLD,
        /** Keep holding it, and ask the broker for the partitions' offsets. */
        PROBE,
        /** Every partition of this reader has been read to the end: idle until the next record. */
        IDLE
    }

    /**
     * @param watermark the clock to emit now, or {@link Long#MIN_VALUE} for none new
     * @param verdict   what to do next
     * @param forced    partitions that stopped holding the clock on this tick without the broker
     *                  confirming their end
     */
    public record Tick(long watermark, Verdict verdict, int forced) {}

    /**
     * The broker's answer: each partition's first offset and the next it will write (committed
     * records), and the newest arrival (Kafka timestamp) among its committed records where the
     * broker knows it.
     */
    public record PartitionEnds(Map<Integer, Long> earliest, Map<Integer, Long> latest, Map<Integer, Long> newestArrival) {
        public PartitionEnds {
            earliest = Map.copyOf(earliest);
            latest = Map.copyOf(latest);
            newestArrival = Map.copyOf(newestArrival);
        }

        /** Without the newest arrivals (the broker did not say). */
        public PartitionEnds(Map<Integer, Long> earliest, Map<Integer, Long> latest) {
            this(earliest, latest, Map.of());
        }
    }

    private static final class Partition {
        long newest = Long.MIN_VALUE;
        long nextToRead = -1;
        long lastRecordAt;
        boolean recordSinceTick;
        boolean readToTheEnd;
        /** The end the broker gave in the last answer after this partition's latest record, and when it was asked. */
        long lastEnd = -1;
        long lastEndAskedAt;
        /** The newest arrival in the partition, as the broker last gave it; MIN_VALUE: not known. */
        long brokerNewest = Long.MIN_VALUE;

        Partition(long since) {
            this.lastRecordAt = since;
        }
    }

    private final long quietMillis;
    private final long maxHoldMillis;
    private final IntPredicate mine;
    private final long startedAt;
    private final Map<Integer, Partition> partitions = new TreeMap<>();
    private boolean answered;
    private boolean gaveUp;
    private long probeAskedAt = Long.MIN_VALUE;
    private boolean probeInFlight;
    private long emitted = Long.MIN_VALUE;
    private boolean idle;

    /**
     * @param quietMillis   how long a partition goes without a record before the reader asks whether it was read to the end
     * @param maxHoldMillis how long a quiet partition holds the clock when the broker cannot confirm its end
     * @param mine          which partitions the Kafka source assigns this reader, so one not read yet
     *                      still holds the clock; null when unknown: then only partitions read from
     *                      count, and until the first record the reader holds the clock for {@code maxHold}
     * @param startedAt     the clock now: a partition not read yet is quiet from here
     */
    public FeedClock(long quietMillis, long maxHoldMillis, IntPredicate mine, long startedAt) {
        if (quietMillis <= 0 || maxHoldMillis < quietMillis) {
            throw new IllegalArgumentException("need 0 < quiet (" + quietMillis + ") <= max hold (" + maxHoldMillis + ")");
        }
        this.quietMillis = quietMillis;
        this.maxHoldMillis = maxHoldMillis;
        this.mine = mine;
        this.startedAt = startedAt;
    }

    /**
     * A record stamped {@code arrival} was read at {@code offset} of {@code partition}.
     *
     * @return the clock to emit now, or {@link Long#MIN_VALUE} for none new
     */
    public long onRecord(int partition, long offset, long arrival, long now) {
        Partition p = partitions.computeIfAbsent(partition, k -> new Partition(startedAt));
        p.nextToRead = Math.max(p.nextToRead, offset + 1);
        p.lastRecordAt = now;
        p.recordSinceTick = true;
        p.readToTheEnd = false;
        p.lastEnd = -1;
        p.newest = Math.max(p.newest, arrival);
        idle = false;
        return advance(readerClock(false));
    }

    /** Whether the reader is idle (every partition read to the end, no record since). */
    public boolean idle() {
        return idle;
    }

    /** The caller asked the broker for the partitions' offsets (after a {@link Verdict#PROBE}). */
    public void onProbeAsked(long now) {
        probeAskedAt = now;
        probeInFlight = true;
    }

    /** The broker's answer to the question asked at {@link #onProbeAsked}; null when it failed. */
    public void onProbeAnswered(PartitionEnds ends) {
        probeInFlight = false;
        if (ends == null) {
            return;
        }
        answered = true;
        for (Map.Entry<Integer, Long> end : ends.latest().entrySet()) {
            int number = end.getKey();
            Partition p = partitions.get(number);
            if (p == null) {
                if (mine == null || !mine.test(number)) {
                    continue; // another reader's partition
                }
                p = new Partition(startedAt);
                p.nextToRead = ends.earliest().getOrDefault(number, 0L);
                partitions.put(number, p);
            } else if (p.newest != Long.MIN_VALUE && probeAskedAt <= p.lastRecordAt) {
                continue; // a record came after the question: the answer says nothing about now
            }
            long newestArrival = ends.newestArrival().getOrDefault(number, -1L);
            if (newestArrival > 0) {
                p.brokerNewest = newestArrival;
            }
            long unread = end.getValue() - Math.max(p.nextToRead, ends.earliest().getOrDefault(number, 0L));
            // One short of the end is what a committed transaction leaves: its commit marker, which a
            // consumer never returns. A data record would have been read within a quiet period, so
            // the gap counts as read once two answers a quiet period apart show the same end.
            boolean onlyAMarker = unread == 1 && p.lastEnd == end.getValue() && probeAskedAt - p.lastEndAskedAt >= quietMillis;
            p.readToTheEnd = unread <= 0 || onlyAMarker;
            if (p.lastEnd != end.getValue()) {
                p.lastEnd = end.getValue();
                p.lastEndAskedAt = probeAskedAt;
            }
        }
    }

    /** A periodic tick: the clock to emit, and what to do next. */
    public Tick tick(long now) {
        int forced = 0;
        for (Partition p : partitions.values()) {
            if (!p.readToTheEnd && now - p.lastRecordAt >= maxHoldMillis) {
                p.readToTheEnd = true;
                forced++;
                if (p.newest == Long.MIN_VALUE) {
                    // Nothing read from it since this reader started: typically restored at its end after a
                    // failover, with records read before the crash still waiting in the stages' arrival
                    // buffers (restored with the checkpoint). Giving it up without a clock would leave
                    // those records waiting for the next record appended to any feed (the restarted
                    // operators' clocks start from nothing); its clock, had it read the partition to
                    // the end, is the newest arrival in it. A record read after all is late by arrival,
                    // as with any forced partition.
                    p.newest = p.brokerNewest;
                }
            }
        }
        boolean knowsItsPartitions = mine != null && answered;
        boolean nothingKnown = partitions.isEmpty() && !knowsItsPartitions && !gaveUp;
        // Every hold is bounded: a reader the broker has not told its partitions within the longest
        // hold goes on with the partitions it has read (or, having read none, stops holding).
        if (!knowsItsPartitions && !gaveUp && now - startedAt >= maxHoldMillis) {
            forced++;
            gaveUp = true;
            nothingKnown = false;
        }
        long watermark = advance(readerClock(true));
        for (Partition p : partitions.values()) {
            p.recordSinceTick = false;
        }
        if (idle) {
            return new Tick(watermark, Verdict.IDLE, forced);
        }
        boolean allRead = partitions.values().stream().allMatch(p -> p.readToTheEnd)
                && (!partitions.isEmpty() || knowsItsPartitions || gaveUp);
        if (allRead) {
            idle = true;
            return new Tick(watermark, Verdict.IDLE, forced);
        }
        boolean quietOne = nothingKnown ? now - startedAt >= quietMillis
                : partitions.values().stream().anyMatch(p -> !p.readToTheEnd && now - p.lastRecordAt >= quietMillis);
        // Until the broker has said which partitions there are, this reader cannot know whether one it
        // has not read from yet is behind: ask at once, not after a quiet period.
        boolean mustLearnItsPartitions = mine != null && !answered;
        boolean askedRecently = probeAskedAt != Long.MIN_VALUE && now - probeAskedAt < quietMillis;
        boolean ask = (quietOne || mustLearnItsPartitions) && !probeInFlight && !askedRecently;
        return new Tick(watermark, ask ? Verdict.PROBE : Verdict.HOLD, forced);
    }

    /**
     * The slowest partition still holding the clock; when none does, the newest arrival read (all
     * of this reader's records have been read, and another reader's clock still holds the job's).
     */
    private long readerClock(boolean onTick) {
        if (mine != null && !answered && !gaveUp) {
            return Long.MIN_VALUE; // a partition of this reader not read from yet may be behind the ones read
        }
        long slowest = Long.MAX_VALUE;
        long newestRead = Long.MIN_VALUE;
        boolean holding = false;
        for (Partition p : partitions.values()) {
            newestRead = Math.max(newestRead, p.newest);
            if (p.readToTheEnd) {
                continue;
            }
            holding = true;
            if (p.newest == Long.MIN_VALUE) {
                return Long.MIN_VALUE; // not read yet: no clock
            }
            long clock = onTick && !p.recordSinceTick ? p.newest : p.newest - 1;
            slowest = Math.min(slowest, clock);
        }
        if (mine == null && partitions.isEmpty()) {
            return Long.MIN_VALUE;
        }
        return holding ? slowest : newestRead;
    }

    private long advance(long clock) {
        if (clock == Long.MIN_VALUE || clock <= emitted) {
            return Long.MIN_VALUE;
        }
        emitted = clock;
        return clock;
    }
}
