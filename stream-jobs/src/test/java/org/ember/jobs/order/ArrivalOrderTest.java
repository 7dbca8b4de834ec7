package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ordering logic without Flink: a stage with a buffer and a timer queue driven the way Flink
 * drives a key (timers in time order, one call per time, the stage's own work before
 * {@link ArrivalOrder#release}).
 */
class ArrivalOrderTest {
    private record Input(String id, long arrival) {}

    /** A stage that logs what it applies and one "exit" of its own at a fixed time. */
    private static final class Stage {
        final ArrivalOrder<Input> order = new ArrivalOrder<>(Comparator.comparing(Input::id));
        final Map<Long, List<Input>> state = new HashMap<>();
        final ArrivalOrder.Buffer<Input> buffer = new ArrivalOrder.Buffer<>() {
            @Override
            public List<Input> get(long time) {
                return state.get(time);
            }

            @Override
            public void put(long time, List<Input> items) {
                state.put(time, items);
            }

            @Override
            public void remove(long time) {
                state.remove(time);
            }
        };
        final TreeSet<Long> timers = new TreeSet<>();
        final List<String> log = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        final long ownTimer;

        Stage(long ownTimer) {
            this.ownTimer = ownTimer;
            timers.add(ownTimer);
        }

        void receive(Input input) {
            switch (order.offer(buffer, input.arrival(), input, watermark)) {
                case FIRST -> timers.add(input.arrival());
                // Only the first input at a time asks for a timer; the later ones find it set.
                case QUEUED -> assertThat(timers).contains(input.arrival());
                case LATE -> log.add("late " + input.id() + "@" + ArrivalOrder.lateClock(input.arrival(), watermark));
            }
        }

        void watermark(long to) {
            watermark = to;
            while (!timers.isEmpty() && timers.first() <= to) {
                long t = timers.pollFirst();
                if (t == ownTimer) {
                    log.add("exit@" + t);
                }
                for (Input input : order.release(buffer, t)) {
                    log.add(input.id() + "@" + t);
                }
            }
        }
    }

    @Test
    void inputsOfOneTimeAreAppliedInCanonicalOrderWhateverOrderTheyCameIn() {
        List<Input> inputs = List.of(new Input("c", 10), new Input("a", 10), new Input("b", 10), new Input("d", 5),
                new Input("e", 12));
        List<String> first = null;
        Random random = new Random(7);
        for (int run = 0; run < 20; run++) {
            List<Input> shuffled = new ArrayList<>(inputs);
            java.util.Collections.shuffle(shuffled, random);
            Stage stage = new Stage(1_000);
            shuffled.forEach(stage::receive);
            assertThat(stage.log).as("nothing is applied before the watermark passes it").isEmpty();
            stage.watermark(11);
            if (first == null) {
                first = List.copyOf(stage.log);
            }
            assertThat(stage.log).isEqualTo(first);
        }
        assertThat(first).containsExactly("d@5", "a@10", "b@10", "c@10");
    }

    @Test
    void theStagesOwnTimerGoesBeforeTheInputsOfTheSameTime() {
        Stage stage = new Stage(10);
        stage.receive(new Input("b", 10));
        stage.receive(new Input("a", 9));
        stage.watermark(10);
        assertThat(stage.log).containsExactly("a@9", "exit@10", "b@10");
        assertThat(stage.state).as("nothing left waiting").isEmpty();
        assertThat(stage.timers).isEmpty();
    }

    @Test
    void anInputTheWatermarkHasPassedIsAppliedAtOnceAtTheWatermarkAndNeverDropped() {
        Stage stage = new Stage(1_000);
        stage.watermark(20);
        stage.receive(new Input("late", 15));
        stage.receive(new Input("exactly-at", 20));
        stage.receive(new Input("on-time", 21));
        assertThat(stage.log).containsExactly("late late@20", "late exactly-at@20");
        stage.watermark(21);
        assertThat(stage.log).endsWith("on-time@21");
    }

    @Test
    void anUnknownOrInfiniteWatermarkMakesNothingLate() {
        assertThat(ArrivalOrder.isLate(5, Long.MIN_VALUE)).isFalse();
        assertThat(ArrivalOrder.isLate(5, Long.MAX_VALUE)).isFalse();
        assertThat(ArrivalOrder.lateClock(5, Long.MAX_VALUE)).isEqualTo(5);
        assertThat(ArrivalOrder.isLate(5, 5)).isTrue();
    }

    @Test
    void holdsTellsWhetherATimerIsStillNeeded() {
        Stage stage = new Stage(1_000);
        stage.receive(new Input("a", 3));
        assertThat(stage.order.holds(stage.buffer, 3)).isTrue();
        assertThat(stage.order.holds(stage.buffer, 4)).isFalse();
        assertThat(stage.order.release(stage.buffer, 4)).isEmpty();
    }
}
