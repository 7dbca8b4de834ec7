package org.ember.geo.hotspot;

/** How the neighbours of a feature are weighted in Gi / Gi*. */
public enum Weighting {
    /** Every neighbour (and the feature itself, for Gi*) weighs 1: spdep style "B". */
    BINARY,
    /** Weights in each row sum to 1 (1/k for k members of the neighbourhood): spdep style "W". */
    ROW_STANDARDISED
}
