package org.ember.rules;

/** Looks up readable names for the areas alerts speak of. */
public interface AreaNames {
    String areaName(String layer, String areaId);

    /** The local authority (spoke) an area belongs to. */
    String lad(String layer, String areaId);
}
