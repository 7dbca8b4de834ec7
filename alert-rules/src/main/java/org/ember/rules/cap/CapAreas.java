package org.ember.rules.cap;

import java.util.List;

/** The CAP polygons of an area ("lat,lon lat,lon …", closed), by layer and code. */
@FunctionalInterface
public interface CapAreas {
    List<String> polygons(String layer, String areaId);
}
