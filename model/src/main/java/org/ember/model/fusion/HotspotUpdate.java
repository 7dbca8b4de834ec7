package org.ember.model.fusion;

import java.util.List;
import java.util.Map;

/**
 * A change of the live hot-spot layers, published on {@code ember.hotspots} next to the area counts
 * (whose {@code type} is {@code area_counts}); key {@code layer:areaId}. Snapshots repeat every live
 * cell and area periodically, so a map that joins late is complete after one snapshot period.
 *
 * @param type    one of the constants below
 * @param layer   "cell", "lsoa", "lad" or "cluster"
 * @param areaId  cell id (e.g. 250m:1273:703), area code or cluster id
 * @param lad     local authority it lies in
 * @param asOf    event time the values hold at, epoch milliseconds
 * @param lon     WGS84 longitude of a cell centre or cluster centroid (null for areas)
 * @param lat     WGS84 latitude
 * @param values  metric name (see {@code docs/metrics-vocabulary.md}) to value
 * @param labels  categorical facts, e.g. {@code emerging = "new hot spot"}
 * @param members linked incident ids of a cluster, LSOA codes of a scan cluster; empty otherwise
 */
public record HotspotUpdate(
        String type,
        String layer,
        String areaId,
        String lad,
        long asOf,
        Double lon,
        Double lat,
        Map<String, Double> values,
        Map<String, String> labels,
        List<String> members) {

    /** A cell's counts, Gi* z or emerging category changed (or it became live). */
    public static final String CELL_SCORED = "cell_scored";
    /** A cell has nothing left in any window. */
    public static final String CELL_CLEARED = "cell_cleared";
    /** An area's hot-spot metrics changed. */
    public static final String AREA_SCORED = "area_scored";
    /** An area has nothing left to show. */
    public static final String AREA_CLEARED = "area_cleared";
    /** An ST-DBSCAN cluster formed, grew, shrank or merged. */
    public static final String CLUSTER_CHANGED = "cluster_changed";
    /** An ST-DBSCAN cluster dissolved or expired. */
    public static final String CLUSTER_CLEARED = "cluster_cleared";
    /** A cluster of the daily prospective space-time scan, with its recurrence interval. */
    public static final String SCAN_CLUSTER = "scan_cluster";
    /** Periodic repeat of a live cell. */
    public static final String CELL_SNAPSHOT = "cell_snapshot";
    /** Periodic repeat of a live area. */
    public static final String AREA_SNAPSHOT = "area_snapshot";

    public HotspotUpdate {
        values = Map.copyOf(values);
        labels = Map.copyOf(labels);
        members = List.copyOf(members);
    }

    public String key() {
        return layer + ":" + areaId;
    }
}
