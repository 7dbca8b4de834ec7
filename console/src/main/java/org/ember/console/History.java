package org.ember.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.model.fusion.TensionUpdate;

/**
 * The last 28 days of what the job published, kept by the console so the time slider can show the
 * map at any hour: every counts and tension update per area (they arrive when values change, so an
 * area holds a few a day), trimmed to {@link #RETENTION_MS} behind the newest event time. Rebuilt at
 * start by reading the topics from the beginning, like the live state. Nothing is recomputed: the
 * state at an hour is, per area, the latest update published at or before it; "usual" is the mean
 * of the same hour one to four weeks earlier.
 */
final class History implements LiveState.Listener {
    static final long HOUR_MS = 3_600_000L;
    static final long RETENTION_MS = 28 * 24 * HOUR_MS;
    private static final int MAX_PER_AREA = 28 * 24;

    private final Map<String, Deque<AreaCountsView>> counts = new HashMap<>();
    private final Map<String, Deque<TensionUpdate>> tension = new HashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private long newest = Long.MIN_VALUE;

    @Override
    public synchronized void countsChanged(AreaCountsView update) {
        add(counts.computeIfAbsent(update.areaId(), k -> new ArrayDeque<>()), update, update.asOf());
    }

    @Override
    public synchronized void tensionChanged(TensionUpdate update) {
        add(tension.computeIfAbsent(update.key(), k -> new ArrayDeque<>()), update, update.asOf());
    }

    @Override
    public void alertAdded(Alert alert) {
        // alertReceived keeps them all
    }

    @Override
    public synchronized void alertReceived(Alert alert) {
        alerts.add(alert);
        newest = Math.max(newest, alert.eventTime());
        alerts.removeIf(a -> a.eventTime() < newest - RETENTION_MS);
    }

    private <T> void add(Deque<T> deque, T update, long asOf) {
        deque.addLast(update); // updates of one area arrive in time order (older ones were refused by LiveState)
        while (deque.size() > MAX_PER_AREA) {
            deque.removeFirst();
        }
        newest = Math.max(newest, asOf);
    }

    /** The map as it was at {@code at}: per area the latest update at or before it, the alerts up to it. */
    synchronized LiveState.Snapshot at(long at) {
        trim();
        List<AreaCountsView> shownCounts = new ArrayList<>();
        for (Deque<AreaCountsView> deque : counts.values()) {
            AreaCountsView found = latestAtOrBefore(deque, at, AreaCountsView::asOf);
            if (found != null) {
                shownCounts.add(found);
            }
        }
        shownCounts.sort(java.util.Comparator.comparing(AreaCountsView::areaId));
        List<TensionUpdate> shownTension = new ArrayList<>();
        for (Deque<TensionUpdate> deque : tension.values()) {
            TensionUpdate found = latestAtOrBefore(deque, at, TensionUpdate::asOf);
            if (found != null) {
                shownTension.add(found);
            }
        }
        List<Alert> shownAlerts = alerts.stream().filter(a -> a.eventTime() <= at)
                .sorted(java.util.Comparator.comparingLong(Alert::eventTime).reversed()).limit(LiveState.DEFAULT_ALERT_CAPACITY)
                .toList();
        return new LiveState.Snapshot(shownCounts, shownAlerts, java.util.OptionalLong.of(at), shownTension, List.of());
    }

    /** The mean 24-hour count of an area at the same hour of the week one to four weeks before {@code at}, when known. */
    synchronized OptionalDouble usual(String areaId, long at) {
        Deque<AreaCountsView> deque = counts.get(areaId);
        if (deque == null) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        int n = 0;
        for (int week = 1; week <= 4; week++) {
            long then = at - week * 7 * 24 * HOUR_MS;
            if (then < newest - RETENTION_MS) {
                break;
            }
            AreaCountsView found = latestAtOrBefore(deque, then, AreaCountsView::asOf);
            sum += found == null ? 0 : found.count24h();
            n++;
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /** Event time span held: [oldest kept, newest]. */
    synchronized long[] span() {
        return new long[] {newest == Long.MIN_VALUE ? 0 : newest - RETENTION_MS, newest == Long.MIN_VALUE ? 0 : newest};
    }

    private void trim() {
        long cutoff = newest - RETENTION_MS;
        for (Deque<AreaCountsView> deque : counts.values()) {
            // Keep the last update before the cutoff: it is still the state at the start of the window.
            while (deque.size() > 1 && secondAsOf(deque) <= cutoff) {
                deque.removeFirst();
            }
        }
    }

    private static long secondAsOf(Deque<AreaCountsView> deque) {
        Iterator<AreaCountsView> it = deque.iterator();
        it.next();
        return it.next().asOf();
    }

    private static <T> T latestAtOrBefore(Deque<T> deque, long at, java.util.function.ToLongFunction<T> time) {
        T found = null;
        for (Iterator<T> it = deque.descendingIterator(); it.hasNext();) {
            T candidate = it.next();
            if (time.applyAsLong(candidate) <= at) {
                found = candidate;
                break;
            }
        }
        return found;
    }
}
