package org.ember.geo.area;

/**
 * Where an event was placed.
 *
 * @param lsoa     2011 LSOA code, null when only the local authority is known
 * @param lad      local authority district code
 * @param cell     grid cell id, null when the location is not a point
 * @param lon      WGS84 longitude of the point (an area's interior point when only a code was given)
 * @param lat      WGS84 latitude
 * @param easting  British National Grid easting of the same point
 * @param northing British National Grid northing
 * @param precise  the partner gave a point
 */
public record Placement(
        String lsoa, String lad, String cell, double lon, double lat, double easting, double northing, boolean precise) {}
