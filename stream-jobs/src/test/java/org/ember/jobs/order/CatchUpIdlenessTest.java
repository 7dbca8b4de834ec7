package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ember.jobs.order.CatchUpIdleness.Verdict.FORCED_IDLE;
import static org.ember.jobs.order.CatchUpIdleness.Verdict.HOLD;
import static org.ember.jobs.order.CatchUpIdleness.Verdict.IDLE;
import static org.ember.jobs.order.CatchUpIdleness.Verdict.PROBE;

import java.util.Map;
import org.ember.jobs.order.CatchUpIdleness.PartitionEnds;
import org.junit.jupiter.api.Test;

class CatchUpIdlenessTest {
    private static final long QUIET = 200;
    private static final long MAX_HOLD = 10_000;
    private static final long START = 1_000;

    /** One partition, this reader's: holds offsets 0..4, so the next to write is 5. */
    private static final PartitionEnds FIVE_RECORDS = ends(0, 5);

    private static PartitionEnds ends(long earliest, long latest) {
        return new PartitionEnds(Map.of(0, earliest), Map.of(0, latest));
    }

    private static CatchUpIdleness readingEveryPartition() {
        return new CatchUpIdleness(QUIET, MAX_HOLD, partition -> true, START);
    }

    private static void answer(CatchUpIdleness idleness, long askedAt, PartitionEnds ends) {
        assertThat(idleness.decide(askedAt)).isEqualTo(PROBE);
        idleness.onProbeAsked(askedAt);
        idleness.onProbeAnswered(ends);
    }

    @Test
    void aFeedNotYetReadHoldsTheClockWhileTheBrokerHasRecordsForIt() {
        CatchUpIdleness idleness = readingEveryPartition();
        assertThat(idleness.decide(START + QUIET - 1)).isEqualTo(HOLD);
        answer(idleness, START + QUIET, FIVE_RECORDS);
        assertThat(idleness.decide(START + QUIET + 50)).as("slow to be read is not idle").isEqualTo(HOLD);
        assertThat(idleness.decide(START + 2 * QUIET)).as("asks again a quiet period later").isEqualTo(PROBE);
    }

    @Test
    void aFeedGoesIdleOnceItHasReadToTheEnd() {
        CatchUpIdleness idleness = readingEveryPartition();
        for (long offset = 0; offset < 5; offset++) {
            idleness.onRecord(0, offset, START + 10);
        }
        assertThat(idleness.decide(START + 10 + QUIET - 1)).isEqualTo(HOLD);
        answer(idleness, START + 10 + QUIET, FIVE_RECORDS);
        assertThat(idleness.decide(START + 10 + QUIET + 5)).isEqualTo(IDLE);
    }

    @Test
    void anEmptyTopicOrOneWhoseRecordsExpiredIsReadToTheEndAtOnce() {
        CatchUpIdleness empty = readingEveryPartition();
        answer(empty, START + QUIET, ends(0, 0));
        assertThat(empty.decide(START + QUIET + 1)).isEqualTo(IDLE);

        CatchUpIdleness expired = readingEveryPartition();
        answer(expired, START + QUIET, ends(7, 7));
        assertThat(expired.decide(START + QUIET + 1)).isEqualTo(IDLE);
    }

    @Test
    void anAnswerAskedBeforeTheLatestRecordSaysNothing() {
        CatchUpIdleness idleness = readingEveryPartition();
        idleness.onRecord(0, 3, START);
        assertThat(idleness.decide(START + QUIET)).isEqualTo(PROBE);
        idleness.onProbeAsked(START + QUIET);
        idleness.onRecord(0, 4, START + QUIET);
        idleness.onProbeAnswered(FIVE_RECORDS);
        assertThat(idleness.decide(START + QUIET + 10)).as("quiet again only from the new record").isEqualTo(HOLD);
        assertThat(idleness.decide(START + 2 * QUIET)).isEqualTo(PROBE);
    }

    @Test
    void aCommitMarkerAtTheEndIsTakenAsReadOnlyWhenTheEndStaysPutForAQuietPeriod() {
        CatchUpIdleness idleness = readingEveryPartition();
        idleness.onRecord(0, 3, START); // offset 4 is the transaction's commit marker
        answer(idleness, START + QUIET, FIVE_RECORDS);
        assertThat(idleness.decide(START + QUIET + 1)).as("one short: a record may still be on its way").isEqualTo(HOLD);
        answer(idleness, START + 2 * QUIET, FIVE_RECORDS);
        assertThat(idleness.decide(START + 2 * QUIET + 1)).isEqualTo(IDLE);
    }

    @Test
    void aBrokerThatCannotAnswerLetsTheFeedGoIdleAfterTheLongestHold() {
        CatchUpIdleness idleness = readingEveryPartition();
        idleness.onRecord(0, 0, START);
        assertThat(idleness.decide(START + QUIET)).isEqualTo(PROBE);
        idleness.onProbeAsked(START + QUIET);
        assertThat(idleness.decide(START + QUIET + 1)).as("waits for the answer it asked for").isEqualTo(HOLD);
        idleness.onProbeAnswered(null);
        assertThat(idleness.decide(START + MAX_HOLD - 1)).isEqualTo(PROBE);
        assertThat(idleness.decide(START + MAX_HOLD)).isEqualTo(FORCED_IDLE);
    }

    @Test
    void onlyTheReadersOwnPartitionsCount() {
        PartitionEnds twoPartitions = new PartitionEnds(Map.of(0, 0L, 1, 0L), Map.of(0, 2L, 1, 9L));
        CatchUpIdleness readerOfPartitionZero = new CatchUpIdleness(QUIET, MAX_HOLD, partition -> partition == 0, START);
        readerOfPartitionZero.onRecord(0, 1, START);
        answer(readerOfPartitionZero, START + QUIET, twoPartitions);
        assertThat(readerOfPartitionZero.decide(START + QUIET + 1)).as("partition 1 is another reader's").isEqualTo(IDLE);

        CatchUpIdleness readerOfNone = new CatchUpIdleness(QUIET, MAX_HOLD, partition -> false, START);
        answer(readerOfNone, START + QUIET, twoPartitions);
        assertThat(readerOfNone.decide(START + QUIET + 1)).isEqualTo(IDLE);

        CatchUpIdleness assignmentUnknown = new CatchUpIdleness(QUIET, MAX_HOLD, null, START);
        answer(assignmentUnknown, START + QUIET, twoPartitions);
        assertThat(assignmentUnknown.decide(START + QUIET + 1)).as("has read nothing, owns it does not know what")
                .isEqualTo(HOLD);
        assertThat(assignmentUnknown.decide(START + MAX_HOLD)).isEqualTo(FORCED_IDLE);
    }

    @Test
    void rejectsAQuietPeriodLongerThanTheLongestHold() {
        assertThatThrownBy(() -> new CatchUpIdleness(QUIET, QUIET - 1, null, START))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CatchUpIdleness(0, MAX_HOLD, null, START))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
