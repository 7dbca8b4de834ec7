package org.ember.geo.hotspot;

/**
 * ArcGIS's Gi_Bin: ±3 at 99% confidence, ±2 at 95%, ±1 at 90%, 0 otherwise, signed like z.
 * A level is reached when the (possibly FDR-adjusted) p-value is at most 0.01, 0.05 or 0.10;
 * "at most" makes the FDR bins exactly the Benjamini–Hochberg step-up decisions.
 */
public final class ConfidenceBin {
    private ConfidenceBin() {}

    public static int of(double z, double p) {
        if (Double.isNaN(z) || Double.isNaN(p) || z == 0) {
            return 0;
        }
        int level = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;
        return z > 0 ? level : -level;
    }
}
