package org.ember.fusion;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The areas whose inputs may have changed since they were last evaluated, so that the hourly tick
 * re-evaluates only those (and the authority itself, which reads every neighbourhood's tension).
 * An area's evaluation is a function of its inputs and of what it last published, and only its own
 * evaluation changes the latter: skipping an area none of whose inputs moved gives exactly what
 * evaluating it would. Inputs: its incidents (arrivals, corrections, and crossings of the 24-hour
 * and 7-day window edges and of the clock), their cluster labels, its published cells, the signals
 * that reach it (arrivals, retractions and fading: when the fading risk would publish, see
 * {@link RiskTimers}), and what the layers run at midnight changed (the daily scan's clusters,
 * early-warning scores, emerging categories: {@link DailyMarks}). Kept in task memory: a fresh
 * cache marks everything.
 */
final class DirtyAreas {
    private final Set<String> dirty = new HashSet<>();
    private boolean all = true;
    private long lastTick = Long.MIN_VALUE;
    private Map<String, Integer> lastClusters = Map.of();

    void mark(String areaKey) {
        if (!all && areaKey != null) {
            dirty.add(areaKey);
        }
    }

    void markAll() {
        all = true;
        dirty.clear();
    }

    /** The time of the previous tick (MIN_VALUE: none since the cache was made). */
    long lastTick() {
        return lastTick;
    }

    Map<String, Integer> lastClusters() {
        return lastClusters;
    }

    /** Whether every area is to be evaluated (a fresh cache, a new day). */
    boolean all() {
        return all;
    }

    /** The areas marked since the last tick (meaningless when {@link #all()}). */
    Set<String> marked() {
        return dirty;
    }

    /** Whether {@code areaKey} must be evaluated at this tick. */
    boolean isDirty(String areaKey) {
        return all || dirty.contains(areaKey);
    }

    /** The tick at {@code asOf} evaluated what was dirty: start afresh. */
    void ticked(long asOf, Map<String, Integer> clusters) {
        all = false;
        dirty.clear();
        lastTick = asOf;
        lastClusters = clusters;
    }

    /** Whether an incident at {@code time} crossed an edge of a window (or the clock) between the two ticks. */
    static boolean crossed(long time, long from, long to, long[] windows) {
        if (time > from && time <= to) {
            return true;
        }
        for (long w : windows) {
            if (time > from - w && time <= to - w) {
                return true;
            }
        }
        return false;
    }
}
