package org.ember.geo.scan;

/**
 * How distances are measured. For latitude/longitude SaTScan converts each point to 3-D Cartesian
 * coordinates on a sphere of radius 6367 km ({@code ConvertFromLatLong} in SaTScan's
 * UtilityFunctions.cpp) and uses the straight-line (chord) distance in km; we do the same so that
 * circle membership agrees with SaTScan. For city-scale radii the chord and the great-circle
 * distance differ by less than one part in a million.
 */
public enum CoordinateSystem {
    CARTESIAN,
    LAT_LON;

    /** SaTScan's earth radius in km. */
    public static final double EARTH_RADIUS_KM = 6367;

    /** 2-D or 3-D Cartesian coordinates for a location. */
    public double[] toCartesian(ScanLocation location) {
        if (this == CARTESIAN) {
            return new double[] {location.x(), location.y()};
        }
        double lat = Math.toRadians(location.x());
        double lon = Math.toRadians(location.y());
        return new double[] {
            EARTH_RADIUS_KM * Math.cos(lon) * Math.cos(lat),
            EARTH_RADIUS_KM * Math.sin(lon) * Math.cos(lat),
            EARTH_RADIUS_KM * Math.sin(lat)
        };
    }

    /** Distance between two locations (km for lat/lon, file units for Cartesian). */
    public double distance(ScanLocation a, ScanLocation b) {
        return euclidean(toCartesian(a), toCartesian(b));
    }

    static double euclidean(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
