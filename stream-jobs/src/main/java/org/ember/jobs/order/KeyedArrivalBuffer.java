package org.ember.jobs.order;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * {@link ArrivalOrder} over keyed map state (arrival time → inputs waiting), with an event-time
 * timer at each time that holds inputs. The stage calls {@link #offer} from
 * {@code processElement} (and applies the input at once when it returns false), and
 * {@link #release} from {@code onTimer} after its own timer work at that time.
 *
 * @param <T> the stage's input
 */
public final class KeyedArrivalBuffer<T> {
    private final ArrivalOrder<T> order;
    private final ArrivalOrder.Buffer<T> buffer;

    private KeyedArrivalBuffer(ArrivalOrder<T> order, MapState<Long, List<T>> state) {
        this.order = order;
        this.buffer = new ArrivalOrder.Buffer<>() {
            @Override
            public List<T> get(long time) {
                return call(() -> state.get(time));
            }

            @Override
            public void put(long time, List<T> items) {
                call(() -> {
                    state.put(time, items);
                    return null;
                });
            }

            @Override
            public void remove(long time) {
                call(() -> {
                    state.remove(time);
                    return null;
                });
            }
        };
    }

    /**
     * @param name      state name, unique within the operator
     * @param type      the input's type information
     * @param canonical tie-break among inputs of one key that arrived at the same time
     */
    public static <T> KeyedArrivalBuffer<T> of(RuntimeContext runtime, String name, TypeInformation<T> type,
            Comparator<? super T> canonical) {
        MapState<Long, List<T>> state = runtime.getMapState(new MapStateDescriptor<>(name, Types.LONG, Types.LIST(type)));
        return new KeyedArrivalBuffer<>(new ArrivalOrder<>(canonical), state);
    }

    /**
     * Buffers {@code item} at its arrival {@code time} with a timer there, unless the watermark has
     * passed it.
     *
     * @return false when late by arrival: apply it now, at {@link ArrivalOrder#lateClock}
     */
    public boolean offer(T item, long time, TimerService timers) {
        ArrivalOrder.Offer offered = order.offer(buffer, time, item, timers.currentWatermark());
        if (offered == ArrivalOrder.Offer.LATE) {
            return false;
        }
        // Inputs already waiting at this time have their timer (deleteTimer keeps it while they wait).
        if (offered == ArrivalOrder.Offer.FIRST) {
            timers.registerEventTimeTimer(time);
        }
        return true;
    }

    /** The inputs that arrived at {@code time}, in canonical order, taken out of state. */
    public List<T> release(long time) {
        return order.release(buffer, time);
    }

    /** Deletes the stage's own timer at {@code time} unless inputs still wait for it. */
    public void deleteTimer(long time, TimerService timers) {
        if (!order.holds(buffer, time)) {
            timers.deleteEventTimeTimer(time);
        }
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
