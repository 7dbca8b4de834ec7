package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The task-memory arrival buffer across checkpoints: inputs still waiting when a snapshot is taken
 * are applied after a restore at the same time and in the same order as without the restore, also
 * when the job is rescaled 1 → 2 → 1 (union operator state, kept by the subtask that owns the key)
 * and when the checkpoint was taken by the old buffer in keyed map state.
 */
class KeyedArrivalBufferRestoreTest {
    private static final int MAX_PARALLELISM = 128;
    private static final String NAME = "test-arrivals";
    private static final long TICK = 10;

    /** An input: "key:id". */
    private static String keyOf(String input) {
        return input.substring(0, input.indexOf(':'));
    }

    /**
     * A stage with its own work (a tick at every multiple of {@link #TICK} after an input) and an
     * arrival buffer; it logs what it does, so the log shows order and clock.
     */
    static final class Stage extends KeyedProcessFunction<String, String, String> implements CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private transient KeyedArrivalBuffer<String> arrivals;

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), NAME, Types.STRING,
                    Comparator.naturalOrder());
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            arrivals.snapshot();
        }

        int waitingSlots() {
            return arrivals.waitingSlots();
        }

        @Override
        public void processElement(String input, Context ctx, Collector<String> out) {
            long arrival = ctx.timestamp();
            long tick = Math.floorDiv(arrival + TICK - 1, TICK) * TICK;
            if (tick > ctx.timerService().currentWatermark()) {
                ctx.timerService().registerEventTimeTimer(tick);
            }
            if (!arrivals.offer(ctx.getCurrentKey(), input, arrival, ctx.timerService())) {
                out.collect("late " + input + "@"
                        + ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()));
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
            if (timestamp % TICK == 0) {
                out.collect("tick " + ctx.getCurrentKey() + "@" + timestamp);
            }
            for (String input : arrivals.release(ctx.getCurrentKey(), timestamp)) {
                out.collect(input + "@" + timestamp);
            }
        }
    }

    /** The buffer as it was before task memory: keyed map state per arrival time (old checkpoints). */
    static final class OldStage extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private transient MapState<Long, List<String>> waiting;

        @Override
        public void open(OpenContext context) {
            waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(NAME, Types.LONG, Types.LIST(Types.STRING)));
        }

        @Override
        public void processElement(String input, Context ctx, Collector<String> out) throws Exception {
            long arrival = ctx.timestamp();
            long tick = Math.floorDiv(arrival + TICK - 1, TICK) * TICK;
            if (tick > ctx.timerService().currentWatermark()) {
                ctx.timerService().registerEventTimeTimer(tick);
            }
            assertThat(ArrivalOrder.isLate(arrival, ctx.timerService().currentWatermark())).isFalse();
            List<String> before = waiting.get(arrival);
            List<String> items = before == null ? new ArrayList<>() : new ArrayList<>(before);
            items.add(input);
            waiting.put(arrival, items);
            ctx.timerService().registerEventTimeTimer(arrival);
        }
    }

    /** Inputs of several keys at a few arrival times, ties and tick times among them, shuffled. */
    private static List<Map.Entry<String, Long>> inputs(long from, int count, long seed) {
        Random random = new Random(seed);
        List<Map.Entry<String, Long>> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "k" + random.nextInt(8);
            inputs.add(Map.entry(key + ":" + (char) ('a' + random.nextInt(26)) + i, from + random.nextInt(25)));
        }
        return inputs;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(Stage stage, int parallelism,
            int subtask, OperatorSubtaskState restore) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(stage),
                KeyedArrivalBufferRestoreTest::keyOf, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
        harness.setup();
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
        return harness;
    }

    private static int subtaskOf(String input, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(keyOf(input), MAX_PARALLELISM, parallelism);
    }

    /** The log per key, in the order the key's work happened. */
    private static Map<String, List<String>> byKey(List<String> log) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String line : log) {
            String body = line.startsWith("late ") ? line.substring(5) : line.startsWith("tick ") ? line.substring(5) : line;
            String key = body.substring(0, body.contains(":") ? body.indexOf(':') : body.indexOf('@'));
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        return byKey;
    }

    /** Phase one (times 0..24, watermark to 12), phase two (times 20..44 and two late, watermark to 32), the rest. */
    private static final List<Map.Entry<String, Long>> FIRST = inputs(0, 60, 11);
    private static final List<Map.Entry<String, Long>> SECOND = inputs(20, 60, 12);
    private static final List<Map.Entry<String, Long>> LATE = List.of(Map.entry("k1:late1", 30L),
            Map.entry("k6:late2", 31L));

    private static Map<String, List<String>> uninterrupted() throws Exception {
        Stage stage = new Stage();
        try (var h = harness(stage, 1, 0, null)) {
            for (var input : FIRST) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(12);
            for (var input : SECOND) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(32);
            for (var input : LATE) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(Long.MAX_VALUE - 1);
            assertThat(stage.waitingSlots()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            return byKey(h.extractOutputValues());
        }
    }

    @Test
    void inputsWaitingAtACheckpointAreAppliedInOrderAfterRescalingOneToTwoToOne() throws Exception {
        List<String> log = new ArrayList<>();
        OperatorSubtaskState first;
        Stage one = new Stage();
        try (var h = harness(one, 1, 0, null)) {
            for (var input : FIRST) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(12);
            assertThat(one.waitingSlots()).as("inputs wait at the checkpoint").isGreaterThan(4);
            first = h.snapshot(1, 100);
            log.addAll(h.extractOutputValues());
        }

        // 1 → 2: each subtask keeps the waiting inputs of its own keys.
        List<OperatorSubtaskState> halves = new ArrayList<>();
        int waitingAfterSplit = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part = AbstractStreamOperatorTestHarness.repartitionOperatorState(first,
                    MAX_PARALLELISM, 1, 2, subtask);
            Stage stage = new Stage();
            try (var h = harness(stage, 2, subtask, part)) {
                waitingAfterSplit += stage.waitingSlots();
                boolean someOwn = false;
                for (var input : SECOND) {
                    if (subtaskOf(input.getKey(), 2) == subtask) {
                        h.processElement(input.getKey(), input.getValue());
                        someOwn = true;
                    }
                }
                assertThat(someOwn).as("both subtasks own keys").isTrue();
                h.processWatermark(32);
                for (var input : LATE) {
                    if (subtaskOf(input.getKey(), 2) == subtask) {
                        h.processElement(input.getKey(), input.getValue());
                    }
                }
                assertThat(stage.waitingSlots()).as("inputs wait at the second checkpoint").isPositive();
                halves.add(h.snapshot(2, 200));
                log.addAll(h.extractOutputValues());
            }
        }
        assertThat(waitingAfterSplit).as("every waiting slot kept by exactly one subtask").isEqualTo(
                waitingAt(first));

        // 2 → 1.
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                AbstractStreamOperatorTestHarness.repackageState(halves.get(0), halves.get(1)), MAX_PARALLELISM, 2, 1,
                0);
        Stage last = new Stage();
        try (var h = harness(last, 1, 0, merged)) {
            h.processWatermark(Long.MAX_VALUE - 1);
            log.addAll(h.extractOutputValues());
            assertThat(last.waitingSlots()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isZero();
        }

        Map<String, List<String>> expected = uninterrupted();
        assertThat(expected.values().stream().mapToInt(List::size).sum()).as("ticks, inputs and late ones")
                .isEqualTo(FIRST.size() + SECOND.size() + LATE.size() + ticks(expected));
        assertThat(byKey(log)).isEqualTo(expected);
    }

    @Test
    void aCheckpointOfTheKeyedStateBufferRestoresIntoTheTaskMemoryOne() throws Exception {
        OperatorSubtaskState old;
        List<String> log = new ArrayList<>();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new OldStage()),
                KeyedArrivalBufferRestoreTest::keyOf, Types.STRING, MAX_PARALLELISM, 1, 0)) {
            h.open();
            for (var input : FIRST) {
                h.processElement(input.getKey(), input.getValue());
            }
            old = h.snapshot(1, 100);
        }
        for (int subtask = 0; subtask < 2; subtask++) {
            Stage stage = new Stage();
            try (var h = harness(stage, 2, subtask,
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(old, MAX_PARALLELISM, 1, 2, subtask))) {
                assertThat(stage.waitingSlots()).as("the old inputs are in keyed state").isZero();
                // New inputs at times where old ones wait: merged, the old ones first, then sorted.
                for (var input : SECOND) {
                    if (subtaskOf(input.getKey(), 2) == subtask) {
                        h.processElement(input.getKey(), input.getValue());
                    }
                }
                h.processWatermark(32);
                for (var input : LATE) {
                    if (subtaskOf(input.getKey(), 2) == subtask) {
                        h.processElement(input.getKey(), input.getValue());
                    }
                }
                h.processWatermark(Long.MAX_VALUE - 1);
                log.addAll(h.extractOutputValues());
                assertThat(stage.waitingSlots()).isZero();
                assertThat(h.numEventTimeTimers()).isZero();
                assertThat(h.numKeyedStateEntries()).as("the old buffer emptied").isZero();
            }
        }
        // The uninterrupted run moved the watermark to 12 between the phases; here the old inputs all
        // wait until 32, so compare with a run that does the same.
        Stage stage = new Stage();
        try (var h = harness(stage, 1, 0, null)) {
            for (var input : FIRST) {
                h.processElement(input.getKey(), input.getValue());
            }
            for (var input : SECOND) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(32);
            for (var input : LATE) {
                h.processElement(input.getKey(), input.getValue());
            }
            h.processWatermark(Long.MAX_VALUE - 1);
            assertThat(byKey(log)).isEqualTo(byKey(h.extractOutputValues()));
        }
    }

    private static int ticks(Map<String, List<String>> log) {
        return (int) log.values().stream().flatMap(List::stream).filter(l -> l.startsWith("tick ")).count();
    }

    /** How many (key, time) slots wait in a p1 snapshot: restored at p1 and counted. */
    private static int waitingAt(OperatorSubtaskState state) throws Exception {
        Stage stage = new Stage();
        try (var h = harness(stage, 1, 0, state)) {
            return stage.waitingSlots();
        }
    }
}
