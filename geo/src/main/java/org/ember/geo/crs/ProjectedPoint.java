package org.ember.geo.crs;

/** A point in a projected coordinate reference system, in metres. */
public record ProjectedPoint(double x, double y) {}
