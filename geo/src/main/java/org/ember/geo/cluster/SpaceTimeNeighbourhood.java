package org.ember.geo.cluster;

/**
 * The ST-DBSCAN neighbourhood: two events are neighbours when max(d/eps, |Δt|/epsTime) ≤ 1, i.e.
 * within eps in space AND within epsTime in time (both inclusive). epsTime may be infinite (plain
 * DBSCAN).
 */
public record SpaceTimeNeighbourhood(double eps, double epsTime) {
    public SpaceTimeNeighbourhood {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and non-negative, got " + eps);
        }
        if (!(epsTime >= 0)) {
            throw new IllegalArgumentException("epsTime must be non-negative, got " + epsTime);
        }
    }

    public boolean contains(double dx, double dy, double dt) {
        return dx * dx + dy * dy <= eps * eps && Math.abs(dt) <= epsTime;
    }

    public boolean contains(StPoint a, StPoint b) {
        return contains(a.x() - b.x(), a.y() - b.y(), a.t() - b.t());
    }
}
