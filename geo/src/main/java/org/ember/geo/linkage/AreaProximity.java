package org.ember.geo.linkage;

/**
 * How far a point lies from an LSOA, for matching a report placed only by its LSOA with one placed
 * by a point just across the boundary (an ambulance position moved a few metres, a snapped police
 * point on a boundary street). {@link #NONE} knows no geometry: only the same LSOA matches.
 */
@FunctionalInterface
public interface AreaProximity {
    /** Metres from the point to the LSOA (0 inside), or NaN when the LSOA is unknown. */
    double metresFrom(String lsoa, double x, double y);

    AreaProximity NONE = (lsoa, x, y) -> Double.NaN;
}
