package org.ember.fusion;

import java.util.List;
import org.ember.model.fusion.LinkedIncident;

/**
 * A linked incident as the hot-spot layers keep it: one real event, placed, with the facts the
 * layers count by.
 *
 * @param id             linked incident id
 * @param time           event time, epoch milliseconds
 * @param lsoa           LSOA, or null
 * @param cell           grid cell of a precise location, or null
 * @param x              easting
 * @param y              northing
 * @param lon            longitude
 * @param lat            latitude
 * @param precise        located by a point
 * @param feeds          feeds that reported it
 * @param healthRecorded ambulance or A&E reported it
 * @param healthOnly     health reported it and the police did not
 * @param serious        raises near-repeat risk
 */
public record FusedEvent(String id, long time, String lsoa, String cell, double x, double y, double lon, double lat,
        boolean precise, List<String> feeds, boolean healthRecorded, boolean healthOnly, boolean serious) {

    public FusedEvent {
        feeds = List.copyOf(feeds);
    }

    public static FusedEvent of(LinkedIncident incident, boolean serious) {
        return new FusedEvent(incident.incidentId(), incident.eventTime(), incident.lsoa(), incident.cell(),
                incident.easting(), incident.northing(), incident.lon(), incident.lat(), incident.precise(), incident.feeds(),
                incident.healthRecorded(), incident.healthOnly(), serious);
    }

    /** Reported by two or more agencies. */
    public boolean multiAgency() {
        return feeds.size() >= 2;
    }

    /** Whether it sits in the same place at the same time as {@code other} (so clusters need no rebuild). */
    public boolean samePlaceAndTime(FusedEvent other) {
        return other != null && time == other.time && x == other.x && y == other.y && precise == other.precise;
    }
}
