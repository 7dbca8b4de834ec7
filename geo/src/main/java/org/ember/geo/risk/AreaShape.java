package org.ember.geo.risk;

/**
 * An area as risk computations see it: a centre and the radius of a circle of the same area, in
 * British National Grid metres.
 *
 * @param layer  "lsoa" or "lad"
 * @param code   area code
 * @param parent local authority of an LSOA (null for a local authority)
 * @param x      easting of the centroid
 * @param y      northing of the centroid
 * @param radius radius of the circle with the area's area
 */
public record AreaShape(String layer, String code, String parent, double x, double y, double radius) {

    /** Distance from a point to the area: 0 inside the equivalent circle, else to its edge. */
    public double distanceFrom(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        // sqrt rather than Math.hypot: ten times faster, and these distances never overflow.
        return Math.max(0, Math.sqrt(dx * dx + dy * dy) - radius);
    }
}
