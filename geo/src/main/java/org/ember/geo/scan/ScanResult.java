package org.ember.geo.scan;

import java.util.List;

/** Outcome of a scan: clusters in rank order and the replicate maxima used for p-values. */
public record ScanResult(int locations, long totalCases, List<ScanCluster> clusters, double[] replicateMaxima) {
    public ScanResult {
        clusters = List.copyOf(clusters);
        replicateMaxima = replicateMaxima.clone();
    }

    @Override
    public double[] replicateMaxima() {
        return replicateMaxima.clone();
    }
}
