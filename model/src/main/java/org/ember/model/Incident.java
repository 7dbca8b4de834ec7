package org.ember.model;

/**
 * One partner report after ingest: validated, pseudonymised and placed. Every feed normalises to
 * this shape so that the rest of the job counts and links reports without knowing where they came
 * from. Geometry never travels in it, only coordinates and area ids.
 *
 * @param feed             {@link Feed#code()} of the source feed
 * @param sourceId         the partner's own reference (incident, call, attendance, event or report id)
 * @param version          correction number; a higher version replaces a lower one
 * @param cancelled        the partner withdrew the record
 * @param eventTime        when it happened, epoch milliseconds (for A&E: the assault time if known)
 * @param reportedTime     when the partner learnt of it, epoch milliseconds
 * @param category         normalised category, one of {@link IncidentCategory}
 * @param weapon           a knife, sharp instrument or firearm was involved
 * @param ageBand          age band of the person involved, where the feed records one
 * @param lon              WGS84 longitude of the placed point (an area's interior point when only a code came)
 * @param lat              WGS84 latitude of the placed point
 * @param easting          British National Grid easting of the placed point
 * @param northing         British National Grid northing of the placed point
 * @param precise          the partner gave a point (not only an area code)
 * @param lsoa             2011 LSOA code, or null when only a coarser area is known
 * @param lad              local authority district code (the VRU spoke)
 * @param cell             British National Grid cell id, or null when the location is not precise
 * @param personPseudonym  keyed hash of the person reference, or null
 * @param detail           short non-identifying description for duty officers
 * @param appendedAt       when the partner's record was appended to its Kafka topic (the record's
 *                         timestamp), epoch milliseconds; 0 when unknown. Latency is measured from it.
 */
public record Incident(
        String feed,
        String sourceId,
        int version,
        boolean cancelled,
        long eventTime,
        long reportedTime,
        String category,
        boolean weapon,
        String ageBand,
        double lon,
        double lat,
        double easting,
        double northing,
        boolean precise,
        String lsoa,
        String lad,
        String cell,
        String personPseudonym,
        String detail,
        long appendedAt) {

    /** An incident whose Kafka append time is not known. */
    public Incident(String feed, String sourceId, int version, boolean cancelled, long eventTime, long reportedTime,
            String category, boolean weapon, String ageBand, double lon, double lat, double easting, double northing,
            boolean precise, String lsoa, String lad, String cell, String personPseudonym, String detail) {
        this(feed, sourceId, version, cancelled, eventTime, reportedTime, category, weapon, ageBand, lon, lat, easting,
                northing, precise, lsoa, lad, cell, personPseudonym, detail, 0L);
    }

    /** The same incident, appended to Kafka at {@code time}. */
    public Incident appendedAt(long time) {
        return new Incident(feed, sourceId, version, cancelled, eventTime, reportedTime, category, weapon, ageBand, lon,
                lat, easting, northing, precise, lsoa, lad, cell, personPseudonym, detail, time);
    }

    /** Identity of the partner record across its versions. */
    public String recordKey() {
        return feed + ":" + sourceId;
    }
}
