package org.ember.geo.scoring;

/** A grid cell of a hotspot forecast: any point inside the cell (corner or centre) and its score. */
public record ForecastCell(double x, double y, double score) {}
