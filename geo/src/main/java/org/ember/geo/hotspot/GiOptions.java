package org.ember.geo.hotspot;

import java.util.Objects;

/**
 * Options for {@link GetisOrd}.
 *
 * @param weighting binary or row-standardised weights
 * @param includeSelf true for Gi* (the feature is in its own neighbourhood, spdep {@code include.self}),
 *     false for Gi
 * @param falseDiscoveryRate when true, confidence bins use Benjamini–Hochberg adjusted p-values
 */
public record GiOptions(Weighting weighting, boolean includeSelf, boolean falseDiscoveryRate) {
    public GiOptions {
        Objects.requireNonNull(weighting, "weighting");
    }

    /** Gi* with binary weights and no FDR correction: ArcGIS's Hot Spot Analysis defaults. */
    public static GiOptions giStar() {
        return new GiOptions(Weighting.BINARY, true, false);
    }

    public GiOptions withWeighting(Weighting newWeighting) {
        return new GiOptions(newWeighting, includeSelf, falseDiscoveryRate);
    }

    public GiOptions withSelf(boolean self) {
        return new GiOptions(weighting, self, falseDiscoveryRate);
    }

    public GiOptions withFalseDiscoveryRate(boolean fdr) {
        return new GiOptions(weighting, includeSelf, fdr);
    }
}
