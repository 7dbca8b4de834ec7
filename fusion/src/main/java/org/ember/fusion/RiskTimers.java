package org.ember.fusion;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import org.ember.geo.risk.RiskSignal;

/**
 * When a neighbourhood reached by live risk signals must be evaluated again although none of its
 * other inputs moved: risk only fades between arrivals, so an area is due at the first hour at
 * which its metrics or tension would differ from what it last published (by the publish tolerance,
 * the tension step or a level), or at which one of its signals starts, crosses a window edge of the
 * agency tallies, or fades. Computed from the decay law when the area is evaluated, instead of
 * re-evaluating every reached area every hour.
 *
 * <p>Why a binary search over hours is exact: with every other input fixed, each risk component is
 * a sum of non-negative linear decays, so it does not rise between the horizons below (a signal
 * starting or fading is a horizon), and tension weights are not negative, so the score and level
 * do not rise either. A value that was within the tolerance of the published one when evaluated
 * and only falls can leave that band only downwards, for good (and once zero it stays zero); so
 * "would publish or change" is false up to some hour and true from then on. With a negative weight
 * or signal value that argument fails and the area is simply due every hour.
 *
 * <p>Task memory: a fresh cache evaluates every area at its first tick, which schedules them again.
 */
final class RiskTimers {
    private final Map<String, Long> dueOf = new HashMap<>();
    private final TreeMap<Long, Set<String>> byTime = new TreeMap<>();

    /** The first hour boundary at or after {@code time}. */
    static long hourAtOrAfter(long time) {
        return Math.floorDiv(time + LadAnalytics.HOUR - 1, LadAnalytics.HOUR) * LadAnalytics.HOUR;
    }

    /**
     * The first hour after {@code asOf} at which the area's risk inputs change in kind: a signal
     * reaching it starts counting or fades, or an intelligence or navigator signal it tallies as an
     * agency enters or leaves a window (Long.MAX_VALUE: never).
     */
    static long horizon(long asOf, List<RiskSignal> reaching, List<RiskSignal> agencies, ToLongFunction<String> lasts) {
        long h = Long.MAX_VALUE;
        for (RiskSignal s : reaching) {
            h = Math.min(h, after(asOf, s.time()));
            h = Math.min(h, after(asOf, s.time() + lasts.applyAsLong(s.kind())));
        }
        for (RiskSignal s : agencies) {
            h = Math.min(h, after(asOf, s.time()));
            for (long w : AreaTally.WINDOW_MILLIS) {
                h = Math.min(h, after(asOf, s.time() + w));
            }
            h = Math.min(h, after(asOf, s.time() + lasts.applyAsLong(s.kind())));
        }
        return h;
    }

    private static long after(long asOf, long time) {
        long t = hourAtOrAfter(time);
        return t > asOf ? t : Long.MAX_VALUE;
    }

    /**
     * The first hour in (asOf, horizon) at which {@code moved} holds, else the horizon, assuming
     * {@code moved} is false then true (see the class comment).
     */
    static long firstMoved(long asOf, long horizon, LongPredicate moved) {
        if (horizon == Long.MAX_VALUE) {
            return Long.MAX_VALUE; // no signal reaches the area: its risk is zero and stays so
        }
        long lo = LadAnalytics.nextHour(asOf); // candidate hours: lo, lo + HOUR, ... before the horizon
        long n = (horizon - lo) / LadAnalytics.HOUR;
        if (n <= 0 || !moved.test(lo + (n - 1) * LadAnalytics.HOUR)) {
            return horizon;
        }
        long a = 0;
        long b = n - 1; // moved at b
        while (a < b) {
            long mid = (a + b) >>> 1;
            if (moved.test(lo + mid * LadAnalytics.HOUR)) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return lo + a * LadAnalytics.HOUR;
    }

    /** Schedules (or, with Long.MAX_VALUE, unschedules) the area's next evaluation. */
    void schedule(String areaKey, long due) {
        Long was = due == Long.MAX_VALUE ? dueOf.remove(areaKey) : dueOf.put(areaKey, due);
        if (was != null && was == due) {
            return; // already filed there
        }
        if (was != null) {
            Set<String> bucket = byTime.get(was);
            if (bucket != null && bucket.remove(areaKey) && bucket.isEmpty()) {
                byTime.remove(was);
            }
        }
        if (due != Long.MAX_VALUE) {
            byTime.computeIfAbsent(due, t -> new HashSet<>()).add(areaKey);
        }
    }

    /** Marks the areas due at or before {@code asOf} and forgets their timers (their evaluation sets new ones). */
    void markDue(long asOf, DirtyAreas dirty) {
        while (!byTime.isEmpty() && byTime.firstKey() <= asOf) {
            for (String key : byTime.pollFirstEntry().getValue()) {
                dueOf.remove(key);
                dirty.mark(key);
            }
        }
    }

    void clear() {
        dueOf.clear();
        byTime.clear();
    }
}
