package org.ember.geo.crs;

/** A WGS84 longitude/latitude pair, in degrees. */
public record LonLat(double lon, double lat) {}
