package org.ember.fusion;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ember.geo.scan.EarlyWarningScan;
import org.ember.geo.scan.ScanLocation;

/**
 * The early-warning scanner of one local authority kept in task memory from one night to the next
 * ({@link EarlyWarningLayer}), with the cells it scans (in id order) and their LSOAs: what
 * restoring it from the {@link EarlyWarningHistory} in state would give, without rebuilding its
 * neighbour index and count ring every night. It stands for exactly one history, the one it last
 * wrote or followed; any other history in state (a restart, a clear-out, a change it could not
 * follow) makes the layer restore from state instead, so losing it loses nothing.
 */
final class EarlyWarningKept {
    final EarlyWarningScan scan;
    final List<ScanLocation> locations;
    /** The scanned cells' ids, ascending (the locations' order). */
    final String[] ids;
    final String[] lsoas;
    private EarlyWarningHistory history;

    EarlyWarningKept(EarlyWarningScan scan, List<ScanLocation> locations, String[] ids, String[] lsoas,
            EarlyWarningHistory history) {
        this.scan = scan;
        this.locations = List.copyOf(locations);
        this.ids = ids;
        this.lsoas = lsoas;
        this.history = history;
    }

    /** Whether this is the scanner of {@code h} (the same object, or an equal one read back from state). */
    boolean matches(EarlyWarningHistory h) {
        return h != null && (h == history || h.equals(history));
    }

    /** Index of a scanned cell, or below 0. */
    int indexOf(String id) {
        return Arrays.binarySearch(ids, id);
    }

    /**
     * Follows a late change of the closed days' counts: {@code revised} is this scanner's history
     * with {@code deltas} (day → cell → change) applied by {@link EarlyWarningHistory#revised}. The
     * moved counts are copied into the scanner; false (keep it no longer) when the history gained a
     * cell the scanner lacks.
     */
    boolean follow(EarlyWarningHistory revised, Map<Long, Map<String, Integer>> deltas) {
        if (revised.locationCount() != ids.length) {
            return false;
        }
        for (Map.Entry<Long, Map<String, Integer>> day : deltas.entrySet()) {
            for (Map.Entry<String, Integer> e : day.getValue().entrySet()) {
                int n = revised.count(day.getKey(), e.getKey());
                if (e.getValue() != 0 && n >= 0) {
                    scan.reviseCount(LocalDate.ofEpochDay(day.getKey()), e.getKey(), n);
                }
            }
        }
        history = revised;
        return true;
    }
}
