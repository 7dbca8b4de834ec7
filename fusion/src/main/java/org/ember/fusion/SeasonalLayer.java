package org.ember.fusion;

import org.ember.geo.layers.SeasonalExceedance;

/**
 * Seasonal exceedance of one local authority: hourly counts of the configured feeds' incidents in
 * state ({@link SeasonalHistory}), the fitted baseline in task memory, refitted at most once an hour.
 */
final class SeasonalLayer {
    private static final long HOUR = 3_600_000L;
    private final LadScope lad;

    SeasonalLayer(LadScope lad) {
        this.lad = lad;
    }

    /** An incident replaced {@code previous}: the history moves its count. */
    void onIncident(FusedEvent previous, FusedEvent next) {
        if (counts(previous)) {
            adjust(previous.time(), -1);
        }
        if (counts(next)) {
            adjust(next.time(), +1);
        }
    }

    /** Drops hours older than the history kept. */
    void trim(long asOf) {
        SeasonalHistory history = lad.state().history().get();
        if (history != null) {
            SeasonalHistory trimmed = history.trimmed(asOf, lad.settings().seasonal().maxHistory().toMillis());
            if (trimmed != history) {
                lad.state().history().set(trimmed);
            }
        }
    }

    private boolean counts(FusedEvent e) {
        if (e == null) {
            return false;
        }
        for (String feed : e.feeds()) {
            if (lad.settings().seasonal().feeds().contains(feed)) {
                return true;
            }
        }
        return false;
    }

    private void adjust(long time, int delta) {
        SeasonalHistory history = lad.state().history().get();
        if (history == null) {
            if (delta < 0) {
                return;
            }
            history = SeasonalHistory.starting(time);
        }
        lad.state().history().set(history.add(time, delta));
    }

    /** The exceedance at the hour of {@code asOf}, or null before there is a baseline. */
    SeasonalExceedance.Result evaluate(long asOf) {
        SeasonalHistory history = lad.state().history().get();
        if (history == null) {
            return null;
        }
        LadCache cache = lad.cache();
        long hour = Math.floorDiv(asOf, HOUR) * HOUR;
        if (cache.seasonalAsOf == hour && cache.seasonalHistory == history) {
            return cache.seasonalResult;
        }
        if (cache.seasonal == null) {
            cache.seasonal = new SeasonalExceedance(lad.lad(), lad.context().calendar(), lad.settings().seasonal());
        }
        cache.seasonalResult = cache.seasonal.evaluate(history.firstHour(), history.countsView(), hour).orElse(null);
        cache.seasonalAsOf = hour;
        cache.seasonalHistory = history;
        return cache.seasonalResult;
    }
}
