package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.ladCounts;
import static org.ember.console.TestData.lsoaCounts;
import static org.ember.console.TestData.resolved;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class LiveStateTest {
    private static final String SPLOTT = "W01001700";
    private static final String GRANGETOWN = "W01001750";

    /** Records what listeners are told, in order. */
    private static final class Recorder implements LiveState.Listener {
        final List<AreaCountsView> counts = Collections.synchronizedList(new ArrayList<>());
        final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void countsChanged(AreaCountsView update) {
            counts.add(update);
        }

        @Override
        public void alertAdded(Alert alert) {
            alerts.add(alert);
        }
    }

    private final LiveState state = new LiveState();
    private final Recorder recorder = new Recorder();

    LiveStateTest() {
        state.addListener(recorder);
    }

    @Test
    void aNewerHourReplacesTheCountsHeld() {
        assertThat(state.apply(lsoaCounts(SPLOTT, hour(1), 2))).isTrue();
        assertThat(state.apply(lsoaCounts(SPLOTT, hour(2), 7))).isTrue();

        assertThat(state.counts(SPLOTT)).get().extracting(AreaCountsView::count24h).isEqualTo(7L);
        assertThat(recorder.counts).extracting(AreaCountsView::count24h).containsExactly(2L, 7L);
    }

    @Test
    void anOlderHourNeverOverwritesANewerOne() {
        state.apply(lsoaCounts(SPLOTT, hour(5), 9));

        assertThat(state.apply(lsoaCounts(SPLOTT, hour(4), 1))).isFalse();

        assertThat(state.counts(SPLOTT)).get().extracting(AreaCountsView::asOf).isEqualTo(hour(5));
        assertThat(state.counts(SPLOTT)).get().extracting(AreaCountsView::count24h).isEqualTo(9L);
        assertThat(recorder.counts).hasSize(1);
    }

    @Test
    void theSameHourAgainIsACorrectionButAnExactRepeatChangesNothing() {
        state.apply(lsoaCounts(SPLOTT, hour(3), 4));

        assertThat(state.apply(lsoaCounts(SPLOTT, hour(3), 4))).as("replayed record").isFalse();
        assertThat(state.apply(lsoaCounts(SPLOTT, hour(3), 3))).as("correction of the same hour").isTrue();

        assertThat(state.counts(SPLOTT)).get().extracting(AreaCountsView::count24h).isEqualTo(3L);
        assertThat(recorder.counts).hasSize(2);
    }

    @Test
    void onlyTheLsoaLayerIsKept() {
        assertThat(state.apply(ladCounts("W06000015", hour(1), 40))).isFalse();

        assertThat(state.snapshot().counts()).isEmpty();
        assertThat(state.snapshot().latestEventTime()).isEmpty();
        assertThat(recorder.counts).isEmpty();
    }

    @Test
    void rejectsCountsWithoutAnAreaOrBelowZero() {
        assertThatThrownBy(() -> state.apply(lsoaCounts(" ", hour(1), 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.apply(lsoaCounts(SPLOTT, hour(1), -1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(state.snapshot().counts()).isEmpty();
    }

    @Test
    void snapshotListsAreasByCodeAndKnowsTheNewestEventTime() {
        state.apply(lsoaCounts(SPLOTT, hour(2), 1));
        state.apply(lsoaCounts(GRANGETOWN, hour(6), 3));
        state.apply(lsoaCounts(TestData.CARDIFF_036A, hour(4), 12));

        LiveState.Snapshot snapshot = state.snapshot();

        assertThat(snapshot.counts()).extracting(AreaCountsView::areaId)
                .containsExactly(TestData.CARDIFF_036A, SPLOTT, GRANGETOWN);
        assertThat(snapshot.latestEventTime()).hasValue(hour(6));
    }

    @Test
    void alertsAreKeptNewestFirst() {
        Alert early = firing("fp-early", SPLOTT, "Cardiff 010A", hour(1));
        Alert late = firing("fp-late", GRANGETOWN, "Cardiff 040B", hour(5));
        Alert middle = firing("fp-middle", SPLOTT, "Cardiff 010A", hour(3));

        state.apply(early);
        state.apply(late);
        state.apply(middle);

        assertThat(state.snapshot().alerts()).extracting(Alert::fingerprint).containsExactly("fp-late", "fp-middle", "fp-early");
        assertThat(state.snapshot().latestEventTime()).hasValue(hour(5));
        assertThat(recorder.alerts).extracting(Alert::fingerprint).containsExactly("fp-early", "fp-late", "fp-middle");
    }

    @Test
    void aResolvedTransitionIsListedAboveItsFiringAndAReplayIsNotListedTwice() {
        Alert fired = firing("fp-1", SPLOTT, "Cardiff 010A", hour(1));
        Alert cleared = resolved(fired, hour(4));

        state.apply(fired);
        state.apply(cleared);
        assertThat(state.apply(fired)).as("replayed from the topic").isFalse();

        assertThat(state.snapshot().alerts()).extracting(Alert::state).containsExactly(Alert.RESOLVED, Alert.FIRING);
        assertThat(recorder.alerts).hasSize(2);
    }

    @Test
    void ofTwoAlertsAtTheSameTimeTheLaterArrivalIsOnTop() {
        state.apply(firing("fp-a", SPLOTT, "Cardiff 010A", hour(2)));
        state.apply(firing("fp-b", GRANGETOWN, "Cardiff 040B", hour(2)));

        assertThat(state.snapshot().alerts()).extracting(Alert::fingerprint).containsExactly("fp-b", "fp-a");
    }

    @Test
    void theAlertListIsCappedAndDropsTheOldest() {
        LiveState small = new LiveState(3);
        Recorder told = new Recorder();
        small.addListener(told);
        for (int h = 1; h <= 5; h++) {
            small.apply(firing("fp-" + h, SPLOTT, "Cardiff 010A", hour(h)));
        }

        assertThat(small.apply(firing("fp-0", SPLOTT, "Cardiff 010A", hour(0)))).as("older than all kept").isFalse();

        assertThat(small.snapshot().alerts()).extracting(Alert::fingerprint).containsExactly("fp-5", "fp-4", "fp-3");
        assertThat(told.alerts).hasSize(5);
    }

    @Test
    void theDefaultCapacityIsFifty() {
        for (int i = 0; i < 70; i++) {
            state.apply(firing("fp-" + i, SPLOTT, "Cardiff 010A", hour(0) + i * 60_000L));
        }
        assertThat(state.snapshot().alerts()).hasSize(50).first().extracting(Alert::fingerprint).isEqualTo("fp-69");
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        state.removeListener(recorder);
        state.apply(lsoaCounts(SPLOTT, hour(1), 2));
        assertThat(recorder.counts).isEmpty();
    }

    /**
     * Property: whatever order and however many threads the updates of a replay arrive in, each
     * area ends at its newest hour, and no listener ever sees an area go back in time.
     */
    @RepeatedTest(10)
    void concurrentOutOfOrderUpdatesEndAtTheNewestHour(RepetitionInfo repetition) throws Exception {
        Random random = new Random(7_000L + repetition.getCurrentRepetition());
        List<String> areas = List.of(SPLOTT, GRANGETOWN, TestData.CARDIFF_036A, "W01001800", "W01001801");
        List<AreaCountsView> updates = new ArrayList<>();
        Map<String, Long> newest = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            String area = areas.get(random.nextInt(areas.size()));
            int h = random.nextInt(48);
            updates.add(lsoaCounts(area, hour(h), h)); // count = hour, so a count tells which hour it came from
            newest.merge(area, hour(h), Math::max);
        }
        Collections.shuffle(updates, random);

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<AreaCountsView> share = updates.subList(t * updates.size() / threads, (t + 1) * updates.size() / threads);
            done.add(pool.submit(() -> {
                start.await();
                share.forEach(state::apply);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (String area : newest.keySet()) {
            assertThat(state.counts(area)).get().extracting(AreaCountsView::asOf).isEqualTo(newest.get(area));
        }
        Map<String, Long> lastSeen = new HashMap<>();
        for (AreaCountsView told : recorder.counts) {
            Long before = lastSeen.put(told.areaId(), told.asOf());
            assertThat(before == null || before <= told.asOf()).as("%s went back from %s to %s", told.areaId(), before, told.asOf())
                    .isTrue();
        }
    }
}
