package org.ember.deployment;

/** An emergency department the simulator sends casualties to: site code, name and WGS84 position. */
public record AeSite(String code, String name, double lon, double lat) {}
