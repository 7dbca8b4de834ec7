package org.ember.jobs.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a keyed stage applies its inputs, as plain Java: the job's clock is arrival
 * time, and a stage applies what arrived at time {@code t} only once the watermark has passed
 * {@code t}, then all of it at once, sorted by a canonical comparator. Channels may deliver the
 * inputs of one key in any interleaving; the stage still sees one order, so its outputs are the same
 * run after run and at any parallelism.
 *
 * <p>At one timestamp a stage first does its own timer work due then (window exits, {@code for:}
 * deadlines, ticks: time moves to {@code t}) and then applies the inputs that arrived at {@code t},
 * in canonical order. The Flink wrapper ({@link KeyedArrivalBuffer}, which keeps the waiting inputs in
 * task memory) gets this for free: Flink calls a key's timer once per timestamp, and the stage's
 * {@code onTimer} does its own work before releasing them.
 *
 * <p>An input whose time the watermark has already passed (late by arrival: an idle partition
 * woke up, a producer's clock was behind) is not buffered: the caller applies it at once, at
 * {@link #lateClock}, and counts it. It is never dropped.
 *
 * @param <T> the stage's input
 */
public final class ArrivalOrder<T> {
    /** Where the waiting inputs live (a map in tests; the job's {@link KeyedArrivalBuffer} has its own). */
    public interface Buffer<T> {
        List<T> get(long time);

        void put(long time, List<T> items);

        void remove(long time);
    }

    private final Comparator<? super T> canonical;

    /**
     * @param canonical a tie-break among inputs of one key that arrived at the same time: total over
     *                  inputs that differ in any way that matters to the stage (equal inputs are
     *                  interchangeable); the sort is stable besides
     */
    public ArrivalOrder(Comparator<? super T> canonical) {
        this.canonical = canonical;
    }

    /** What {@link #offer} did with an input. */
    public enum Offer {
        /** Late by arrival, not buffered: the caller applies it now, at {@link #lateClock}. */
        LATE,
        /** Buffered, the first at its time: the caller makes sure a timer fires then. */
        FIRST,
        /** Buffered behind inputs already waiting at its time, whose timer is set. */
        QUEUED
    }

    /** Buffers {@code item} at {@code time} unless the watermark has passed it. */
    public Offer offer(Buffer<T> buffer, long time, T item, long watermark) {
        if (isLate(time, watermark)) {
            return Offer.LATE;
        }
        List<T> waiting = buffer.get(time);
        List<T> items = waiting == null ? new ArrayList<>(2) : new ArrayList<>(waiting);
        items.add(item);
        buffer.put(time, items);
        return waiting == null ? Offer.FIRST : Offer.QUEUED;
    }

    /** The inputs that arrived at {@code time}, in canonical order, taken out of the buffer. */
    public List<T> release(Buffer<T> buffer, long time) {
        List<T> waiting = buffer.get(time);
        if (waiting == null) {
            return List.of();
        }
        buffer.remove(time);
        return ordered(new ArrayList<>(waiting));
    }

    /** {@code items} (a list the caller owns) sorted in place into canonical order, stable. */
    public List<T> ordered(List<T> items) {
        if (items.size() > 1) {
            items.sort(canonical);
        }
        return items;
    }

    /** Whether inputs wait at {@code time} (a timer there must not be deleted). */
    public boolean holds(Buffer<T> buffer, long time) {
        return buffer.get(time) != null;
    }

    /**
     * Whether an input stamped {@code time} comes after the watermark passed it. A watermark of
     * +∞ (every input finished) makes nothing late: the stage applies it at its own time.
     */
    public static boolean isLate(long time, long watermark) {
        return watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE && time <= watermark;
    }

    /**
     * The clock a late input is applied at: the watermark (the stage's time has moved on), or its own
     * time when the watermark is unknown or +∞.
     */
    public static long lateClock(long time, long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE ? time : Math.max(time, watermark);
    }
}
