package org.ember.geo.scan;

/** Kind of analysis. */
public enum ScanAnalysis {
    /** Circles only, no time. */
    PURELY_SPATIAL,
    /** Cylinders anywhere in the study period. */
    RETROSPECTIVE,
    /** Cylinders "alive" at the end of the study period (ending on the end date). */
    PROSPECTIVE
}
