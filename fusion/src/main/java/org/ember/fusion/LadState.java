package org.ember.fusion;

import java.util.Map;
import org.ember.geo.risk.RiskSignal;

/**
 * The state of one local authority's analytics, seen without Flink types: maps ({@link Book}) and
 * single values ({@link Slot}). Keyed Flink state in the job, plain maps in tests. {@code halo} holds
 * the incidents of neighbouring authorities near this one's cells ({@link CellOwners}): they count in
 * the Gi* of this authority's cells and nowhere else.
 */
public record LadState(
        Book<FusedEvent> events,
        Book<FusedEvent> halo,
        Book<RiskSignal> signals,
        Book<Published> cells,
        Book<Published> areas,
        Book<Published> clusters,
        Book<ScanHit> scan,
        Book<String> emerging,
        Slot<SeasonalHistory> history,
        Slot<LadMeta> meta,
        Slot<EarlyWarningHistory> earlyWarning) {

    /** A map of state. Iterate {@link #entries()} fully before changing the book. */
    public interface Book<V> {
        V get(String key);

        void put(String key, V value);

        void remove(String key);

        Iterable<Map.Entry<String, V>> entries();

        boolean isEmpty();
    }

    /** One value of state (null = absent). */
    public interface Slot<V> {
        V get();

        void set(V value);
    }

    /** Nothing is kept at all. */
    /** The incident {@code id} of this authority, else the neighbour's halo incident, else null. */
    FusedEvent ownOrHalo(String id) {
        FusedEvent own = events.get(id);
        return own != null ? own : halo.get(id);
    }

    public boolean isEmpty() {
        return events.isEmpty() && halo.isEmpty() && signals.isEmpty() && cells.isEmpty() && areas.isEmpty() && clusters.isEmpty()
                && scan.isEmpty() && emerging.isEmpty() && history.get() == null && meta.get() == null
                && earlyWarning.get() == null;
    }

    /** Something is live and must be re-evaluated every hour. */
    public boolean live() {
        return !events.isEmpty() || !halo.isEmpty() || !signals.isEmpty() || !cells.isEmpty() || !areas.isEmpty() || !clusters.isEmpty();
    }
}
