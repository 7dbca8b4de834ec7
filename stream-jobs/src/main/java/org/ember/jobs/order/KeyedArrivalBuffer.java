package org.ember.jobs.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.TimerService;

/**
 * {@link ArrivalOrder} for a keyed Flink stage: an event-time timer at each (key, arrival time) that
 * holds inputs, the inputs themselves in task memory. The stage calls {@link #offer} from
 * {@code processElement} (and applies the input at once when it returns false), and
 * {@link #release} from {@code onTimer} after its own timer work at that time; Flink calls a key's
 * timer once per timestamp, so the stage's own work at {@code t} comes before the inputs of {@code t}.
 *
 * <p>Why task memory and not keyed map state: an input waits at most one watermark step, and the map
 * state cost a state get, a list copy and a put per input and a get, remove and copy per release
 * (a fifth of the rule stage's samples). Timers stay keyed state, so they restore and rescale with
 * their key; what still waits at a checkpoint ({@link #snapshot}, few entries) goes to union operator
 * list state, and a restored subtask keeps the entries whose key is in its key-group range, so
 * rescaling keeps each input with its key's timer.
 *
 * <p>Checkpoints taken before this change hold waiting inputs in keyed map state under the same
 * name: a subtask restored from such a checkpoint (no format marker in operator state) also reads,
 * merges and removes that map state at its timers ("legacy"), and says so in its own checkpoints
 * until the job is started afresh, so those inputs are applied exactly as before.
 *
 * @param <T> the stage's input
 */
public final class KeyedArrivalBuffer<T> {
    /** A key's inputs waiting at one arrival time. */
    private record Slot(String key, long time) {}

    private final ArrivalOrder<T> order;
    private final Map<Slot, List<T>> waiting = new HashMap<>();
    private final MapState<Long, List<T>> legacy;
    private final ListState<Tuple3<String, Long, List<T>>> snapshot;
    private final ListState<Boolean> formats;
    private final boolean readsLegacy;

    private KeyedArrivalBuffer(ArrivalOrder<T> order, MapState<Long, List<T>> legacy,
            ListState<Tuple3<String, Long, List<T>>> snapshot, ListState<Boolean> formats, boolean readsLegacy) {
        this.order = order;
        this.legacy = legacy;
        this.snapshot = snapshot;
        this.formats = formats;
        this.readsLegacy = readsLegacy;
    }

    /**
     * Called from the function's {@code initializeState} (before {@code open}); restores what waited
     * at the checkpoint for this subtask's keys.
     *
     * @param name      state name, unique within the operator (the keyed map state of old checkpoints)
     * @param type      the input's type information
     * @param canonical tie-break among inputs of one key that arrived at the same time
     */
    public static <T> KeyedArrivalBuffer<T> of(FunctionInitializationContext context, RuntimeContext runtime,
            String name, TypeInformation<T> type, Comparator<? super T> canonical) throws Exception {
        MapState<Long, List<T>> legacy = context.getKeyedStateStore()
                .getMapState(new MapStateDescriptor<>(name, Types.LONG, Types.LIST(type)));
        TupleTypeInfo<Tuple3<String, Long, List<T>>> entryType = new TupleTypeInfo<>(Types.STRING, Types.LONG,
                Types.LIST(type));
        ListState<Tuple3<String, Long, List<T>>> snapshot = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(name + "-waiting", entryType));
        ListState<Boolean> formats = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(name + "-legacy", Types.BOOLEAN));
        boolean readsLegacy = false;
        if (context.isRestored()) {
            boolean marked = false;
            for (Boolean subtaskReadsLegacy : formats.get()) {
                marked = true;
                readsLegacy |= subtaskReadsLegacy;
            }
            readsLegacy |= !marked;
        }
        KeyedArrivalBuffer<T> buffer = new KeyedArrivalBuffer<>(new ArrivalOrder<>(canonical), legacy, snapshot,
                formats, readsLegacy);
        if (context.isRestored()) {
            buffer.restore(runtime.getTaskInfo());
        }
        return buffer;
    }

    private void restore(TaskInfo task) throws Exception {
        // Union state: every subtask gets every subtask's entries and keeps those of its own key groups.
        for (Tuple3<String, Long, List<T>> entry : snapshot.get()) {
            int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(entry.f0,
                    task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
            if (owner == task.getIndexOfThisSubtask()) {
                waiting.computeIfAbsent(new Slot(entry.f0, entry.f1), s -> new ArrayList<>(entry.f2.size()))
                        .addAll(entry.f2);
            }
        }
    }

    /** Called from the function's {@code snapshotState}: what still waits, into operator state. */
    public void snapshot() throws Exception {
        List<Tuple3<String, Long, List<T>>> entries = new ArrayList<>(waiting.size());
        for (Map.Entry<Slot, List<T>> entry : waiting.entrySet()) {
            entries.add(Tuple3.of(entry.getKey().key(), entry.getKey().time(), new ArrayList<>(entry.getValue())));
        }
        snapshot.update(entries);
        formats.update(List.of(readsLegacy));
    }

    /**
     * Buffers {@code item} of {@code key} at its arrival {@code time} with a timer there, unless the
     * watermark has passed it.
     *
     * @return false when late by arrival: apply it now, at {@link ArrivalOrder#lateClock}
     */
    public boolean offer(String key, T item, long time, TimerService timers) {
        if (ArrivalOrder.isLate(time, timers.currentWatermark())) {
            return false;
        }
        Slot slot = new Slot(key, time);
        List<T> items = waiting.get(slot);
        if (items == null) {
            items = new ArrayList<>(2);
            waiting.put(slot, items);
            // Inputs already waiting at this time have their timer (deleteTimer keeps it while they
            // wait); a restored legacy entry has its timer too, and Flink ignores a second one.
            timers.registerEventTimeTimer(time);
        }
        items.add(item);
        return true;
    }

    /** The inputs of {@code key} that arrived at {@code time}, in canonical order, taken out. */
    public List<T> release(String key, long time) {
        List<T> items = waiting.remove(new Slot(key, time));
        if (readsLegacy) {
            List<T> old = call(() -> legacy.get(time));
            if (old != null) {
                call(() -> {
                    legacy.remove(time);
                    return null;
                });
                // The legacy inputs came before any buffered since the restore: first, as one list.
                List<T> merged = new ArrayList<>(old);
                if (items != null) {
                    merged.addAll(items);
                }
                items = merged;
            }
        }
        if (items == null) {
            return List.of();
        }
        return order.ordered(items);
    }

    /** Deletes the stage's own timer of {@code key} at {@code time} unless inputs still wait for it. */
    public void deleteTimer(String key, long time, TimerService timers) {
        if (!waiting.containsKey(new Slot(key, time)) && !(readsLegacy && call(() -> legacy.contains(time)))) {
            timers.deleteEventTimeTimer(time);
        }
    }

    /** How many (key, arrival time) slots hold inputs in task memory (zero once a stage has drained). */
    public int waitingSlots() {
        return waiting.size();
    }

    private interface StateCall<R> {
        R run() throws Exception;
    }

    /** Flink's state calls declare Exception; a failure fails the task. */
    private static <R> R call(StateCall<R> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("arrival buffer state access failed", e);
        }
    }
}
