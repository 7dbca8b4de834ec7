package org.ember.model.fusion;

import java.util.List;

/**
 * One real incident as Ember believes it happened, made of the partner reports linked to it.
 * Published on {@code ember.incidents} (key {@link #incidentId}) at every change: created, a later
 * or late report joined, a member was corrected, left (cancelled or re-linked elsewhere), or the
 * incident was cancelled because no report is left. The latest revision of an id replaces the
 * earlier ones.
 *
 * @param type              always {@link #TYPE}
 * @param incidentId        stable id, named after the report that founded it, e.g. {@code LI-police:CR-1}
 * @param revision          increases with every change of this incident
 * @param change            created, joined, corrected, left or cancelled
 * @param cancelled         no report is left: the incident no longer counts anywhere
 * @param eventTime         when it happened: the police time if police know, else ambulance, else A&E
 * @param lad               local authority
 * @param lsoa              LSOA, or null
 * @param cell              grid cell of a precise location, or null
 * @param lon               WGS84 longitude of the most precise location among the reports
 * @param lat               WGS84 latitude
 * @param easting           British National Grid easting of that location
 * @param northing          British National Grid northing
 * @param precise           some report gave a point
 * @param category          police category if police know it, else violence
 * @param weapon            any report says knife, sharp instrument, firearm or a penetrating injury
 * @param ageBand           victim age band from health reports, or null
 * @param responseCategory  most urgent ambulance response category (1 = life-threatening), 0 if no call-out
 * @param penetrating       an ambulance call-out was for stab/gunshot/penetrating trauma
 * @param confidence        the weakest link of the incident (1 for a single report)
 * @param healthOnly        health services recorded it and the police have no report of it
 * @param feeds             feeds with a report in it, sorted
 * @param sources           the reports, in the order they joined
 */
public record LinkedIncident(
        String type,
        String incidentId,
        int revision,
        String change,
        boolean cancelled,
        long eventTime,
        String lad,
        String lsoa,
        String cell,
        double lon,
        double lat,
        double easting,
        double northing,
        boolean precise,
        String category,
        boolean weapon,
        String ageBand,
        int responseCategory,
        boolean penetrating,
        double confidence,
        boolean healthOnly,
        List<String> feeds,
        List<LinkedSource> sources) {

    public static final String TYPE = "linked_incident";

    public LinkedIncident {
        feeds = List.copyOf(feeds);
        sources = List.copyOf(sources);
    }

    public boolean reportedBy(String feed) {
        return feeds.contains(feed);
    }

    /** An ambulance or A&E report is part of it. */
    public boolean healthRecorded() {
        return feeds.contains("ambulance") || feeds.contains("ae");
    }
}
