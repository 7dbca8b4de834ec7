package org.ember.geo.scan;

/** Probability model of the scan. */
public enum ScanModel {
    /** Discrete Poisson: cases against expected counts from a population (or expected-count) file. */
    POISSON,
    /** Space-time permutation (Kulldorff et al. 2005): cases only, expected from space and time margins. */
    SPACE_TIME_PERMUTATION
}
