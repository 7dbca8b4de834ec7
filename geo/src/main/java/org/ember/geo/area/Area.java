package org.ember.geo.area;

import org.locationtech.jts.geom.Geometry;

/**
 * A named area of one boundary layer, with its polygon in WGS84 longitude/latitude.
 *
 * @param layer      "lsoa" or "lad"
 * @param code       ONS code, e.g. W01001694 or W06000015
 * @param name       ONS name, e.g. "Cardiff 036A"
 * @param parentCode the local authority an LSOA lies in (null for a local authority)
 * @param geometry   polygon or multipolygon, longitude/latitude
 */
public record Area(String layer, String code, String name, String parentCode, Geometry geometry) {
    public static final String LSOA = "lsoa";
    public static final String LAD = "lad";
}
