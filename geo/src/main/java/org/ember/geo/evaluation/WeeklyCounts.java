package org.ember.geo.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Offence counts per area (or cell) and week from a fixed origin, zero where nothing happened.
 * Only incidents are counted: interventions never enter here.
 */
public final class WeeklyCounts {
    public static final Duration WEEK = Duration.ofDays(7);
    private final Instant origin;
    private final int weeks;
    private final Map<String, long[]> counts = new HashMap<>();

    public WeeklyCounts(Instant origin, int weeks) {
        if (weeks < 1) {
            throw new IllegalArgumentException("at least one week");
        }
        this.origin = origin;
        this.weeks = weeks;
    }

    /** Adds one offence; events outside the weeks covered are ignored. */
    public void add(String unit, Instant when) {
        int w = weekOf(when);
        if (unit != null && w >= 0 && w < weeks) {
            counts.computeIfAbsent(unit, u -> new long[weeks])[w]++;
        }
    }

    /** Declares an area with no offences so that it can serve as a comparison. */
    public void declare(String unit) {
        counts.computeIfAbsent(unit, u -> new long[weeks]);
    }

    public int weekOf(Instant when) {
        long ms = when.toEpochMilli() - origin.toEpochMilli();
        return (int) Math.floorDiv(ms, WEEK.toMillis());
    }

    public Instant weekStart(int week) {
        return origin.plus(WEEK.multipliedBy(week));
    }

    public Instant origin() {
        return origin;
    }

    public int weeks() {
        return weeks;
    }

    public Set<String> units() {
        return new TreeSet<>(counts.keySet());
    }

    public long count(String unit, int week) {
        long[] c = counts.get(unit);
        return c == null || week < 0 || week >= weeks ? 0 : c[week];
    }

    public long total(String unit, int fromWeek, int toWeek) {
        long s = 0;
        for (int w = Math.max(0, fromWeek); w < Math.min(weeks, toWeek); w++) {
            s += count(unit, w);
        }
        return s;
    }
}
