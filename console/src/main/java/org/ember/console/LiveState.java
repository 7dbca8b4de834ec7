package org.ember.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionUpdate;

/**
 * What the console shows right now: the latest 24-hour counts of every LSOA and the latest alert
 * transitions. Updates come from Kafka (replayed from the start of the topics, so duplicates and
 * out-of-order records are normal) and, in tests, straight from the caller.
 *
 * <p>Thread-safe. Listeners are called under the state's lock, in the order the changes were
 * applied, so a listener never sees an older count after a newer one; they must only hand the
 * change on (no I/O, no waiting).
 */
public final class LiveState {
    public static final int DEFAULT_ALERT_CAPACITY = 50;
    /** Only LSOAs are drawn; local-authority totals would double-count on the map. */
    public static final String DRAWN_LAYER = "lsoa";

    /** Told about every change that was applied (never about ignored updates). */
    public interface Listener {
        void countsChanged(AreaCountsView counts);

        void alertAdded(Alert alert);

        /** Every alert transition received, also those too old for the list of the latest (the inbox keeps them). */
        default void alertReceived(Alert alert) {}

        /** An area's tension changed (a newer update than the one held). */
        default void tensionChanged(TensionUpdate tension) {}

        /** A hot cell, ST-DBSCAN cluster or scan cluster was scored or cleared (cleared: its type says so). */
        default void hotspotChanged(HotspotUpdate hotspot) {}
    }

    /**
     * A consistent copy of the state.
     *
     * @param counts          latest counts per LSOA, by area code
     * @param alerts          latest alert transitions, newest first
     * @param latestEventTime event time of the newest applied update, if any
     */
    public record Snapshot(List<AreaCountsView> counts, List<Alert> alerts, OptionalLong latestEventTime,
            List<TensionUpdate> tension, List<HotspotUpdate> hotspots) {
        public Snapshot {
            counts = List.copyOf(counts);
            alerts = List.copyOf(alerts);
            tension = List.copyOf(tension);
            hotspots = List.copyOf(hotspots);
        }

        public Snapshot(List<AreaCountsView> counts, List<Alert> alerts, OptionalLong latestEventTime) {
            this(counts, alerts, latestEventTime, List.of(), List.of());
        }
    }

    /** The hot-spot layers the map draws: cells, ST-DBSCAN clusters and scan clusters (areas come as counts and tension). */
    static final java.util.Set<String> HOTSPOT_LAYERS = java.util.Set.of("cell", "cluster", "scan");

    /** Newest first; of two with the same event time, the one that arrived later first. */
    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparingLong(Alert::eventTime).reversed();

    private final int alertCapacity;
    private final Map<String, AreaCountsView> counts = new HashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, TensionUpdate> tension = new HashMap<>();
    private final Map<String, HotspotUpdate> hotspots = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long latestEventTime = Long.MIN_VALUE;

    public LiveState() {
        this(DEFAULT_ALERT_CAPACITY);
    }

    public LiveState(int alertCapacity) {
        if (alertCapacity < 1) {
            throw new IllegalArgumentException("alert capacity must be at least 1, got " + alertCapacity);
        }
        this.alertCapacity = alertCapacity;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Applies a counts update. Returns whether the state changed: updates of other layers, updates
     * older than what is held for the area and exact repeats change nothing. An update with the
     * same as_of as the one held replaces it (a correction of the same hour).
     */
    public synchronized boolean apply(AreaCountsView update) {
        Objects.requireNonNull(update, "update");
        if (!DRAWN_LAYER.equals(update.layer())) {
            return false;
        }
        if (update.areaId() == null || update.areaId().isBlank()) {
            throw new IllegalArgumentException("counts update without an area id");
        }
        if (update.count24h() < 0) {
            throw new IllegalArgumentException("negative 24h count for " + update.areaId() + ": " + update.count24h());
        }
        AreaCountsView held = counts.get(update.areaId());
        if (held != null && (held.asOf() > update.asOf() || held.equals(update))) {
            return false;
        }
        counts.put(update.areaId(), update);
        latestEventTime = Math.max(latestEventTime, update.asOf());
        for (Listener listener : listeners) {
            listener.countsChanged(update);
        }
        return true;
    }

    /**
     * Applies an alert transition. Returns whether it was kept: a repeat of a transition already
     * held, or one older than every held transition when the list is full, is dropped.
     */
    public synchronized boolean apply(Alert transition) {
        Objects.requireNonNull(transition, "transition");
        if (transition.fingerprint() == null || transition.fingerprint().isBlank()) {
            throw new IllegalArgumentException("alert transition without a fingerprint");
        }
        // Alerts are written at least once: a transition is identified by fingerprint and state (a
        // replayed copy carries another processing time).
        if (alerts.stream().anyMatch(a -> a.fingerprint().equals(transition.fingerprint())
                && a.state().equals(transition.state()))) {
            return false;
        }
        for (Listener listener : listeners) {
            listener.alertReceived(transition);
        }
        int position = 0;
        while (position < alerts.size() && NEWEST_FIRST.compare(alerts.get(position), transition) < 0) {
            position++;
        }
        if (position >= alertCapacity) {
            return false;
        }
        alerts.add(position, transition);
        if (alerts.size() > alertCapacity) {
            alerts.remove(alerts.size() - 1);
        }
        latestEventTime = Math.max(latestEventTime, transition.eventTime());
        for (Listener listener : listeners) {
            listener.alertAdded(transition);
        }
        return true;
    }

    /**
     * Applies an area's tension as the job published it on {@code ember.tension}: the newest per
     * layer and area is kept (the console never recomputes it). Returns whether it changed.
     */
    public synchronized boolean apply(TensionUpdate update) {
        Objects.requireNonNull(update, "update");
        if (update.areaId() == null || update.areaId().isBlank()) {
            throw new IllegalArgumentException("tension update without an area id");
        }
        TensionUpdate held = tension.get(update.key());
        if (held != null && (held.asOf() > update.asOf() || held.equals(update))) {
            return false;
        }
        tension.put(update.key(), update);
        latestEventTime = Math.max(latestEventTime, update.asOf());
        for (Listener listener : listeners) {
            listener.tensionChanged(update);
        }
        return true;
    }

    /**
     * Applies a hot-spot layer update from {@code ember.hotspots}: scored and snapshot messages
     * replace what is held for the cell or cluster, cleared ones remove it; older ones change nothing.
     */
    public synchronized boolean apply(HotspotUpdate update) {
        Objects.requireNonNull(update, "update");
        if (!HOTSPOT_LAYERS.contains(update.layer()) || update.areaId() == null) {
            return false;
        }
        String key = update.layer() + ":" + update.areaId();
        HotspotUpdate held = hotspots.get(key);
        if (held != null && (held.asOf() > update.asOf() || held.equals(update))) {
            return false;
        }
        boolean cleared = HotspotUpdate.CELL_CLEARED.equals(update.type()) || HotspotUpdate.CLUSTER_CLEARED.equals(update.type());
        if (cleared) {
            if (hotspots.remove(key) == null) {
                return false;
            }
        } else {
            hotspots.put(key, update);
        }
        latestEventTime = Math.max(latestEventTime, update.asOf());
        for (Listener listener : listeners) {
            listener.hotspotChanged(update);
        }
        return true;
    }

    /** The latest counts held for an LSOA. */
    public synchronized Optional<AreaCountsView> counts(String areaId) {
        return Optional.ofNullable(counts.get(areaId));
    }

    public synchronized Snapshot snapshot() {
        List<AreaCountsView> sorted = new ArrayList<>(counts.values());
        sorted.sort(Comparator.comparing(AreaCountsView::areaId));
        OptionalLong latest = latestEventTime == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latestEventTime);
        List<TensionUpdate> tensions = new ArrayList<>(tension.values());
        tensions.sort(Comparator.comparing(TensionUpdate::key));
        List<HotspotUpdate> spots = new ArrayList<>(hotspots.values());
        spots.sort(Comparator.comparing((HotspotUpdate h) -> h.layer()).thenComparing(HotspotUpdate::areaId));
        return new Snapshot(sorted, alerts, latest, tensions, spots);
    }

    public int alertCapacity() {
        return alertCapacity;
    }
}
