package org.ember.geo.scan;

/**
 * A location of a SaTScan coordinates file: Cartesian {@code x, y}, or for lat/lon files
 * {@code x = latitude, y = longitude} (SaTScan's own column order).
 */
public record ScanLocation(String id, double x, double y) {}
