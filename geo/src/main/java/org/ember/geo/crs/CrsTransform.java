package org.ember.geo.crs;

import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Transforms between WGS84 and one projected CRS named by its EPSG code (e.g. "EPSG:27700" for the
 * British National Grid, "EPSG:3435" for Illinois East, "EPSG:2263" for New York Long Island),
 * with the datum shift Proj4J's EPSG definitions carry. Not thread-safe: give each thread its own.
 */
public final class CrsTransform {
    private final String projectedCode;
    private final CoordinateTransform toProjected;
    private final CoordinateTransform toGeographic;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    public CrsTransform(String projectedCode) {
        CRSFactory factory = new CRSFactory();
        CoordinateReferenceSystem wgs84 = factory.createFromName("EPSG:4326");
        CoordinateReferenceSystem projected;
        try {
            projected = factory.createFromName(projectedCode);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown coordinate reference system '" + projectedCode + "'", e);
        }
        this.projectedCode = projectedCode;
        this.toProjected = new BasicCoordinateTransform(wgs84, projected);
        this.toGeographic = new BasicCoordinateTransform(projected, wgs84);
    }

    public String projectedCode() {
        return projectedCode;
    }

    public ProjectedPoint project(double lon, double lat) {
        in.x = lon;
        in.y = lat;
        toProjected.transform(in, out);
        return new ProjectedPoint(out.x, out.y);
    }

    public LonLat unproject(double x, double y) {
        in.x = x;
        in.y = y;
        toGeographic.transform(in, out);
        return new LonLat(out.x, out.y);
    }
}
