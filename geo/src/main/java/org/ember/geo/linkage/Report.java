package org.ember.geo.linkage;

/**
 * One partner report as the linker sees it: who sent it, when the event happened, where, and the
 * attributes that must agree for two reports to describe one incident. Built from an ingested
 * incident by the stream job; nothing here identifies a person.
 *
 * @param key       identity of the partner record across versions, e.g. {@code police:CR-1}
 * @param feed      feed code: police, ambulance or ae
 * @param sourceId  the partner's own reference
 * @param version   correction number; a higher one replaces a lower one
 * @param cancelled the partner withdrew the record
 * @param time      when the event happened, epoch milliseconds (for A&E the assault time, not the arrival)
 * @param x         British National Grid easting of the placed point
 * @param y         British National Grid northing
 * @param lon       WGS84 longitude of the placed point
 * @param lat       WGS84 latitude
 * @param precise   the partner gave a point, not only an area code
 * @param lsoa      LSOA code, or null when only a coarser area is known
 * @param lad       local authority code
 * @param cell      grid cell id of a precise point, else null
 * @param category  normalised category
 * @param weapon    a knife, sharp instrument or firearm was involved
 * @param ageBand   age band of the person involved, or null
 * @param detail    short non-identifying description
 */
public record Report(
        String key,
        String feed,
        String sourceId,
        int version,
        boolean cancelled,
        long time,
        double x,
        double y,
        double lon,
        double lat,
        boolean precise,
        String lsoa,
        String lad,
        String cell,
        String category,
        boolean weapon,
        String ageBand,
        String detail) {

    /** Whether the age band says something (null and "unknown" say nothing). */
    public boolean knowsAge() {
        return ageBand != null && !ageBand.isBlank() && !"unknown".equalsIgnoreCase(ageBand);
    }
}
