package org.ember.geo.cluster;

/**
 * A point event in space and time: planar coordinates (same unit as eps) and a time (same unit
 * as epsTime, e.g. decimal days).
 */
public record StPoint(long id, double x, double y, double t) {
    public StPoint {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("point " + id + " has a non-finite coordinate or time");
        }
    }
}
