package org.ember.geo.crs;

/**
 * WGS84 ⇄ British National Grid (EPSG:27700, OSGB36 with the Helmert datum shift). One transform
 * per thread, because Proj4J transforms keep scratch state.
 */
public final class BritishNationalGrid {
    public static final String EPSG = "EPSG:27700";
    private static final ThreadLocal<CrsTransform> TRANSFORM = ThreadLocal.withInitial(() -> new CrsTransform(EPSG));

    private BritishNationalGrid() {}

    public static ProjectedPoint fromWgs84(double lon, double lat) {
        return TRANSFORM.get().project(lon, lat);
    }

    public static LonLat toWgs84(double easting, double northing) {
        return TRANSFORM.get().unproject(easting, northing);
    }
}
