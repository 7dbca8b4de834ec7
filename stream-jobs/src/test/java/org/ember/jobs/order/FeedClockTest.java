package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ember.jobs.order.FeedClock.Verdict.HOLD;
import static org.ember.jobs.order.FeedClock.Verdict.IDLE;
import static org.ember.jobs.order.FeedClock.Verdict.PROBE;

import java.util.Map;
import org.ember.jobs.order.FeedClock.PartitionEnds;
import org.junit.jupiter.api.Test;

class FeedClockTest {
    private static final long NONE = Long.MIN_VALUE;
    private static final long QUIET = 200;
    private static final long MAX_HOLD = 10_000;
    private static final long START = 1_000;
    /** Arrival times (Kafka timestamps) of the records read. */
    private static final long T1 = 1_741_989_600_000L;
    private static final long T2 = T1 + 60_000;
    private static final long T3 = T1 + 120_000;

    private static PartitionEnds onePartition(long earliest, long latest) {
        return new PartitionEnds(Map.of(0, earliest), Map.of(0, latest));
    }

    private static PartitionEnds twoPartitions(long latest0, long latest1) {
        return new PartitionEnds(Map.of(0, 0L, 1, 0L), Map.of(0, latest0, 1, latest1));
    }

    private static FeedClock readingEveryPartition() {
        return new FeedClock(QUIET, MAX_HOLD, partition -> true, START);
    }

    /** Ticks at {@code now}, expects a question, and answers it with {@code ends}. */
    private static void answer(FeedClock clock, long now, PartitionEnds ends) {
        assertThat(clock.tick(now).verdict()).isEqualTo(PROBE);
        clock.onProbeAsked(now);
        clock.onProbeAnswered(ends);
    }

    @Test
    void theClockFollowsArrivalsAtOnceAndReachesTheNewestOnAQuietTick() {
        FeedClock clock = readingEveryPartition();
        FeedClock.Tick first = clock.tick(START);
        assertThat(first.watermark()).as("nothing read, no clock").isEqualTo(NONE);
        assertThat(first.verdict()).as("asks at once which partitions there are").isEqualTo(PROBE);
        clock.onProbeAsked(START);
        assertThat(clock.onRecord(0, 0, T1, START + 20)).as("a partition not heard of yet may be behind")
                .isEqualTo(NONE);
        clock.onProbeAnswered(onePartition(0, 10));
        assertThat(clock.onRecord(0, 1, T1, START + 30)).as("another record may share T1").isEqualTo(T1 - 1);
        assertThat(clock.tick(START + 40).watermark()).as("a record came since the last tick").isEqualTo(NONE);
        assertThat(clock.tick(START + 60).watermark()).as("quiet: all up to T1 is read").isEqualTo(T1);
        assertThat(clock.onRecord(0, 2, T2, START + 70)).isEqualTo(T2 - 1);
    }

    @Test
    void aPartitionNotYetReadHoldsTheClockWhileTheBrokerHasRecordsForIt() {
        FeedClock clock = readingEveryPartition();
        answer(clock, START, onePartition(0, 5));
        FeedClock.Tick later = clock.tick(START + 50);
        assertThat(later.verdict()).as("slow to be read is not idle").isEqualTo(HOLD);
        assertThat(later.watermark()).isEqualTo(NONE);
        assertThat(clock.tick(START + QUIET).verdict()).as("asks again a quiet period later").isEqualTo(PROBE);
    }

    @Test
    void aReaderGoesIdleOnceEveryPartitionHasBeenReadToTheEnd() {
        FeedClock clock = readingEveryPartition();
        answer(clock, START, onePartition(0, 2));
        clock.onRecord(0, 0, T1, START + 10);
        clock.onRecord(0, 1, T2, START + 10);
        assertThat(clock.tick(START + 10 + QUIET - 1).verdict()).isEqualTo(HOLD);
        answer(clock, START + 10 + QUIET, onePartition(0, 2));
        FeedClock.Tick tick = clock.tick(START + 10 + QUIET + 5);
        assertThat(tick.verdict()).isEqualTo(IDLE);
        assertThat(clock.idle()).isTrue();
        assertThat(clock.onRecord(0, 2, T3, START + 500)).as("a new record wakes it").isEqualTo(T3 - 1);
        assertThat(clock.idle()).isFalse();
    }

    @Test
    void theSlowestPartitionHoldsTheClockUntilItIsReadToTheEnd() {
        FeedClock clock = readingEveryPartition();
        // Partition 0 holds records stamped T1 and T2, partition 1 one stamped T3.
        answer(clock, START, twoPartitions(2, 1));
        assertThat(clock.onRecord(1, 0, T3, START + 10)).as("partition 0 not read yet").isEqualTo(NONE);
        assertThat(clock.onRecord(0, 0, T1, START + 10)).as("partition 0 is behind").isEqualTo(T1 - 1);
        assertThat(clock.tick(START + 20).watermark()).isEqualTo(NONE);
        assertThat(clock.tick(START + 40).watermark()).as("quiet: partition 0 stands at T1").isEqualTo(T1);
        answer(clock, START + 10 + QUIET, twoPartitions(2, 1));
        FeedClock.Tick tick = clock.tick(START + 10 + QUIET + 1);
        assertThat(tick.verdict()).as("partition 0's T2 is still in Kafka").isEqualTo(HOLD);
        assertThat(tick.watermark()).as("partition 1, read to the end, no longer holds; partition 0 does").isEqualTo(NONE);
        assertThat(clock.onRecord(0, 1, T2, START + 300)).isEqualTo(T2 - 1);
        answer(clock, START + 300 + QUIET, twoPartitions(2, 1));
        FeedClock.Tick done = clock.tick(START + 300 + QUIET + 1);
        assertThat(done.verdict()).isEqualTo(IDLE);
        assertThat(done.watermark()).as("everything read: the newest arrival").isEqualTo(T3);
    }

    @Test
    void anEmptyTopicOrOneWhoseRecordsExpiredIsReadToTheEndAtOnce() {
        FeedClock empty = readingEveryPartition();
        answer(empty, START, onePartition(0, 0));
        assertThat(empty.tick(START + 1).verdict()).as("told at once: nothing to wait for").isEqualTo(IDLE);

        FeedClock expired = readingEveryPartition();
        answer(expired, START + QUIET, onePartition(7, 7));
        assertThat(expired.tick(START + QUIET + 1).verdict()).isEqualTo(IDLE);
    }

    @Test
    void anAnswerAskedBeforeAPartitionsLatestRecordSaysNothingAboutIt() {
        FeedClock clock = readingEveryPartition();
        clock.onRecord(0, 3, T1, START);
        assertThat(clock.tick(START + QUIET).verdict()).isEqualTo(PROBE);
        clock.onProbeAsked(START + QUIET);
        clock.onRecord(0, 4, T2, START + QUIET);
        clock.onProbeAnswered(onePartition(0, 5));
        assertThat(clock.tick(START + QUIET + 10).verdict()).as("quiet again only from the new record").isEqualTo(HOLD);
        assertThat(clock.tick(START + 2 * QUIET).verdict()).isEqualTo(PROBE);
    }

    @Test
    void aCommitMarkerAtTheEndIsTakenAsReadOnlyWhenTheEndStaysPutForAQuietPeriod() {
        FeedClock clock = readingEveryPartition();
        clock.onRecord(0, 3, T1, START); // offset 4 is the transaction's commit marker
        answer(clock, START + QUIET, onePartition(0, 5));
        assertThat(clock.tick(START + QUIET + 1).verdict()).as("one short: a record may be on its way").isEqualTo(HOLD);
        answer(clock, START + 2 * QUIET, onePartition(0, 5));
        assertThat(clock.tick(START + 2 * QUIET + 1).verdict()).isEqualTo(IDLE);
    }

    @Test
    void aBrokerThatCannotAnswerLetsAPartitionStopHoldingAfterTheLongestHoldAndSaysSo() {
        FeedClock clock = readingEveryPartition();
        clock.onRecord(0, 0, T1, START);
        assertThat(clock.tick(START + QUIET).verdict()).isEqualTo(PROBE);
        clock.onProbeAsked(START + QUIET);
        assertThat(clock.tick(START + QUIET + 1).verdict()).as("waits for the answer it asked for").isEqualTo(HOLD);
        clock.onProbeAnswered(null);
        assertThat(clock.tick(START + QUIET + 2).verdict()).as("one question a quiet period").isEqualTo(HOLD);
        assertThat(clock.tick(START + MAX_HOLD - 1).verdict()).isEqualTo(PROBE);
        FeedClock.Tick forced = clock.tick(START + MAX_HOLD);
        assertThat(forced.verdict()).isEqualTo(IDLE);
        assertThat(forced.forced()).as("its partition, and the assignment it never learnt").isEqualTo(2);
    }

    @Test
    void onlyTheReadersOwnPartitionsCount() {
        FeedClock readerOfPartitionZero = new FeedClock(QUIET, MAX_HOLD, partition -> partition == 0, START);
        readerOfPartitionZero.onRecord(0, 1, T1, START);
        answer(readerOfPartitionZero, START + QUIET, twoPartitions(2, 9));
        assertThat(readerOfPartitionZero.tick(START + QUIET + 1).verdict()).as("partition 1 is another reader's")
                .isEqualTo(IDLE);

        FeedClock readerOfNone = new FeedClock(QUIET, MAX_HOLD, partition -> false, START);
        answer(readerOfNone, START + QUIET, twoPartitions(2, 9));
        assertThat(readerOfNone.tick(START + QUIET + 1).verdict()).isEqualTo(IDLE);

        FeedClock readerOfPartitionOneNotYetRead = new FeedClock(QUIET, MAX_HOLD, partition -> partition == 1, START);
        answer(readerOfPartitionOneNotYetRead, START + QUIET, twoPartitions(2, 9));
        assertThat(readerOfPartitionOneNotYetRead.tick(START + QUIET + 1).verdict()).isEqualTo(HOLD);

        FeedClock assignmentUnknown = new FeedClock(QUIET, MAX_HOLD, null, START);
        answer(assignmentUnknown, START + QUIET, twoPartitions(2, 9));
        assertThat(assignmentUnknown.tick(START + QUIET + 1).verdict()).as("has read nothing, owns it does not know what")
                .isNotEqualTo(IDLE);
        FeedClock.Tick forced = assignmentUnknown.tick(START + MAX_HOLD);
        assertThat(forced.verdict()).isEqualTo(IDLE);
        assertThat(forced.forced()).isEqualTo(1);
    }

    @Test
    void aReaderTheBrokerNeverToldItsPartitionsGoesOnWithThoseItReadAfterTheLongestHold() {
        FeedClock clock = readingEveryPartition();
        assertThat(clock.tick(START).verdict()).isEqualTo(PROBE);
        clock.onProbeAsked(START);
        clock.onProbeAnswered(null);
        assertThat(clock.onRecord(0, 0, T1, START + 100)).as("its partitions not known yet").isEqualTo(NONE);
        for (long now = START + 100; now < START + MAX_HOLD; now += 1_000) {
            clock.onRecord(0, (now - START) / 1_000 + 1, T1, now);
            assertThat(clock.tick(now).watermark()).isEqualTo(NONE);
        }
        FeedClock.Tick gaveUp = clock.tick(START + MAX_HOLD);
        assertThat(gaveUp.forced()).isEqualTo(1);
        assertThat(gaveUp.watermark()).as("no longer held by partitions it cannot learn").isEqualTo(T1);
    }

    /**
     * After a failover the Kafka source resumes each partition where the checkpoint left it, and the
     * clock starts over from nothing; records read before the crash wait, restored, in the stages'
     * arrival buffers. A reader restored at the end of its partitions reads nothing more, and the
     * broker's ends (counted from the first offset, as the reader cannot know where the source
     * resumed) cannot confirm it. When it gives them up it must still move the clock to where it was,
     * the newest arrival in them, or every restored record waits for the next record appended to any
     * feed (ten-kill campaign, run 14: 183 of 525 alert transitions when the test compared).
     */
    @Test
    void aReaderRestoredAtTheEndOfItsPartitionsMovesTheClockToTheirNewestArrivalWhenItGivesThemUp() {
        FeedClock clock = readingEveryPartition();
        answer(clock, START, new PartitionEnds(Map.of(0, 0L, 1, 0L), Map.of(0, 7L, 1, 4L), Map.of(0, T2, 1, T3)));
        for (long now = START + QUIET; now < START + MAX_HOLD; now += QUIET) {
            FeedClock.Tick tick = clock.tick(now);
            assertThat(tick.watermark()).as("held while the broker has records it may not have read").isEqualTo(NONE);
            if (tick.verdict() == PROBE) {
                clock.onProbeAsked(now);
                clock.onProbeAnswered(new PartitionEnds(Map.of(0, 0L, 1, 0L), Map.of(0, 7L, 1, 4L), Map.of(0, T2, 1, T3)));
            }
        }
        FeedClock.Tick gaveUp = clock.tick(START + MAX_HOLD);
        assertThat(gaveUp.forced()).isEqualTo(2);
        assertThat(gaveUp.watermark()).as("the newest arrival in its partitions").isEqualTo(T3);
        assertThat(gaveUp.verdict()).isEqualTo(IDLE);
        assertThat(clock.onRecord(0, 7, T3 + 5, START + MAX_HOLD + 50)).as("a record appended later wakes it")
                .isEqualTo(T3 + 4);
    }

    @Test
    void aPartitionThatWasReadKeepsItsOwnClockWhenItIsGivenUpAndAnUnknownNewestArrivalGivesNone() {
        FeedClock clock = readingEveryPartition();
        answer(clock, START, new PartitionEnds(Map.of(0, 0L, 1, 0L), Map.of(0, 7L, 1, 4L), Map.of(0, T3)));
        clock.onRecord(0, 0, T1, START + 10);
        FeedClock.Tick gaveUp = clock.tick(START + MAX_HOLD + 10);
        assertThat(gaveUp.forced()).isEqualTo(2);
        assertThat(gaveUp.watermark()).as("what it read, not the broker's newest (T3); nothing for partition 1")
                .isEqualTo(T1);
    }

    @Test
    void rejectsAQuietPeriodLongerThanTheLongestHold() {
        assertThatThrownBy(() -> new FeedClock(QUIET, QUIET - 1, null, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedClock(0, MAX_HOLD, null, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
