package org.ember.jobs.order;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Decides when a live feed may stop holding the job's clock ("idle"). Quiet on the wall clock is
 * not enough: a feed whose records are waiting in Kafka behind another feed's (at start-up, after
 * a restore, under load) looks quiet too, and if it went idle the clock would pass its records
 * and they would be applied out of order, so the same input would give different alerts run to
 * run. So a quiet feed goes idle only once the broker confirms it has been read to the end of its
 * partitions, the way Kafka Streams checks a partition's lag before it stops waiting for it. Only
 * when the broker cannot confirm it (unreachable, or an aborted transaction leaves a gap that is
 * never read) does the feed go idle after {@code maxHold}, and that is counted.
 *
 * <p>Pure: the caller supplies a relative clock in milliseconds, the offsets read, and the
 * broker's end offsets when it asked for them.
 */
public final class CatchUpIdleness {
    /** What the feed should do now. */
    public enum Verdict {
        /** Keep holding the clock (records are flowing, or the answer is not in yet). */
        HOLD,
        /** Keep holding, and ask the broker for the partitions' end offsets. */
        PROBE,
        /** Read to the end: stop holding the clock until the next record. */
        IDLE,
        /** Quiet for {@code maxHold} without the broker confirming the end: stop holding anyway. */
        FORCED_IDLE
    }

    /**
     * A partition's offsets as the broker gave them: the first it still has and the next it will
     * write (committed records only).
     */
    public record PartitionEnds(Map<Integer, Long> earliest, Map<Integer, Long> latest) {
        public PartitionEnds {
            earliest = Map.copyOf(earliest);
            latest = Map.copyOf(latest);
        }
    }

    private final long quietMillis;
    private final long maxHoldMillis;
    private final IntPredicate mine;
    private final Map<Integer, Long> nextToRead = new HashMap<>();
    private long lastActivity;
    private long probeAskedAt = Long.MIN_VALUE;
    private boolean probeInFlight;
    private PartitionEnds answer;
    private long answerAskedAt;
    private PartitionEnds earlierAnswer;
    private long earlierAnswerAskedAt;

    /**
     * @param quietMillis         how long without a record before the feed asks whether it is done
     * @param maxHoldMillis       how long without a record before it goes idle regardless
     * @param mine          which partitions this reader is assigned, so one it has not read from
     *                      yet still counts; null when unknown: then only partitions it has read
     *                      count, and a reader that has read nothing waits for {@code maxHold}
     * @param startedAt     the clock now: quiet is measured from here until the first record
     */
    public CatchUpIdleness(long quietMillis, long maxHoldMillis, IntPredicate mine, long startedAt) {
        if (quietMillis <= 0 || maxHoldMillis < quietMillis) {
            throw new IllegalArgumentException("need 0 < quiet (" + quietMillis + ") <= max hold (" + maxHoldMillis + ")");
        }
        this.quietMillis = quietMillis;
        this.maxHoldMillis = maxHoldMillis;
        this.mine = mine;
        this.lastActivity = startedAt;
    }

    /** A record at {@code offset} of {@code partition} was read. */
    public void onRecord(int partition, long offset, long now) {
        nextToRead.merge(partition, offset + 1, Math::max);
        lastActivity = Math.max(lastActivity, now);
        answer = null;
        earlierAnswer = null;
    }

    /** The caller asked the broker for the end offsets (after a {@link Verdict#PROBE}). */
    public void onProbeAsked(long now) {
        probeAskedAt = now;
        probeInFlight = true;
    }

    /** The broker's answer to the probe asked at {@link #onProbeAsked}; null when it failed. */
    public void onProbeAnswered(PartitionEnds ends) {
        probeInFlight = false;
        if (ends == null || probeAskedAt <= lastActivity) {
            return; // failed, or a record came after the question: the answer says nothing now
        }
        earlierAnswer = answer;
        earlierAnswerAskedAt = answerAskedAt;
        answer = ends;
        answerAskedAt = probeAskedAt;
    }

    public Verdict decide(long now) {
        long quiet = now - lastActivity;
        if (quiet < quietMillis) {
            return Verdict.HOLD;
        }
        if (answer != null && readToTheEnd()) {
            return Verdict.IDLE;
        }
        if (quiet >= maxHoldMillis) {
            return Verdict.FORCED_IDLE;
        }
        // At most one question a quiet period, so a broker that fails fast is not asked on every tick.
        boolean askedRecently = probeAskedAt != Long.MIN_VALUE && now - probeAskedAt < quietMillis;
        return probeInFlight || askedRecently ? Verdict.HOLD : Verdict.PROBE;
    }

    private boolean readToTheEnd() {
        if (mine == null && nextToRead.isEmpty()) {
            return false;
        }
        for (Map.Entry<Integer, Long> end : answer.latest().entrySet()) {
            int partition = end.getKey();
            Long next = nextToRead.get(partition);
            if (next == null) {
                if (mine == null || !mine.test(partition)) {
                    continue; // another reader's partition
                }
                next = answer.earliest().getOrDefault(partition, 0L);
            }
            long unread = end.getValue() - next;
            if (unread > 1 || (unread == 1 && !onlyAMarkerIsLeft(partition, end.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One offset short of the end is what a committed transaction leaves: its commit marker, which
     * a consumer never returns. A data record would have been read within a quiet period, so the
     * gap counts as read once two answers a quiet period apart both show the same end.
     */
    private boolean onlyAMarkerIsLeft(int partition, long end) {
        return earlierAnswer != null
                && answerAskedAt - earlierAnswerAskedAt >= quietMillis
                && earlierAnswer.latest().getOrDefault(partition, -1L) == end;
    }
}
