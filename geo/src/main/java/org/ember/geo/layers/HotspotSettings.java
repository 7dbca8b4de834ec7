package org.ember.geo.layers;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the live hot-spot layers.
 *
 * @param giWindow          counts of a cell that Gi* scores (sliding, recomputed every hour)
 * @param giUniverse        cells with an incident within this long are the Gi* study area, with the
 *                          neighbours of every cell counted in {@code giWindow}
 * @param giDistanceCells   Gi* neighbourhood radius in cell sides (1.5 = the eight touching cells)
 * @param minHotCount       fewest incidents in a cell for it to be called hot, whatever its z
 * @param hotBin            least Gi* confidence bin of a hot cell (2 = 95 %, 3 = 99 %)
 * @param clusterEpsMetres  ST-DBSCAN spatial radius
 * @param clusterEpsTime    ST-DBSCAN temporal radius
 * @param clusterMinPts     ST-DBSCAN minimum points (the point itself included)
 * @param clusterHorizon    how long an incident stays in the clustering
 * @param scan              daily prospective space-time scan
 * @param emergingSteps     days in the emerging-hot-spot cube (recomputed every {@code emergingEvery})
 * @param emergingEvery     how often emerging hot-spot categories are recomputed
 * @param snapshotEvery     how often every live cell and area is published again, for late joiners
 * @param retention         how long an incident is kept for any layer (at least the scan's study period)
 */
public record HotspotSettings(
        Duration giWindow,
        Duration giUniverse,
        double giDistanceCells,
        int minHotCount,
        int hotBin,
        double clusterEpsMetres,
        Duration clusterEpsTime,
        int clusterMinPts,
        Duration clusterHorizon,
        ScanSettings scan,
        int emergingSteps,
        Duration emergingEvery,
        Duration snapshotEvery,
        Duration retention) implements Serializable {

    public HotspotSettings {
        Objects.requireNonNull(scan, "scan");
        if (retention.compareTo(Duration.ofDays(scan.studyDays())) < 0 || retention.compareTo(giUniverse) < 0
                || retention.compareTo(Duration.ofDays(emergingSteps)) < 0) {
            throw new IllegalArgumentException("retention must cover the scan study period, the Gi* universe and the "
                    + "emerging hot-spot cube");
        }
    }

    public static HotspotSettings defaults() {
        return new HotspotSettings(Duration.ofDays(7), Duration.ofDays(28), 1.5, 2, 2, 200, Duration.ofHours(24), 4,
                Duration.ofDays(3), ScanSettings.defaults(), 14, Duration.ofDays(1), Duration.ofHours(24),
                Duration.ofDays(28));
    }

    public HotspotSettings withScan(ScanSettings newScan) {
        return new HotspotSettings(giWindow, giUniverse, giDistanceCells, minHotCount, hotBin, clusterEpsMetres,
                clusterEpsTime, clusterMinPts, clusterHorizon, newScan, emergingSteps, emergingEvery, snapshotEvery,
                retention);
    }

    public HotspotSettings withClusters(double epsMetres, Duration epsTime, int minPts) {
        return new HotspotSettings(giWindow, giUniverse, giDistanceCells, minHotCount, hotBin, epsMetres, epsTime,
                minPts, clusterHorizon, scan, emergingSteps, emergingEvery, snapshotEvery, retention);
    }
}
