package org.ember.model.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.PoliceIncident;

/**
 * Maps a police record's tree (already checked against its contract) straight into a
 * {@link PoliceIncident}, for the shape partners send: every known field of its JSON type or null,
 * times in the usual RFC 3339 shape ({@link IsoInstants}). Anything else (a number where a string
 * was expected, a time it does not vouch for, a version out of int range) makes it decline with
 * null, and the caller uses Jackson's data binding, so every record reads as Jackson reads it and
 * every rejection keeps Jackson's words. Unknown fields are ignored, as Jackson is told to.
 */
final class PoliceRecordReader {
    private PoliceRecordReader() {}

    /** The record, or null: not vouched for, use data binding. */
    static PoliceIncident read(JsonNode tree) {
        String incidentId = null;
        Integer version = null;
        String status = null;
        Instant occurredAt = null;
        String opening = null;
        String closing = null;
        Boolean knife = null;
        Boolean firearm = null;
        GeoLocation location = null;
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            JsonNode v = field.getValue();
            boolean absent = v.isNull();
            switch (field.getKey()) {
                case "incident_id" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    incidentId = absent ? null : v.textValue();
                }
                case "version" -> {
                    if (!absent && !v.isInt()) {
                        return null;
                    }
                    version = absent ? null : v.intValue();
                }
                case "status" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    status = absent ? null : v.textValue();
                }
                case "occurred_at" -> {
                    if (!absent) {
                        occurredAt = v.isTextual() ? IsoInstants.instant(v.textValue()) : null;
                        if (occurredAt == null) {
                            return null;
                        }
                    }
                }
                case "opening_category" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    opening = absent ? null : v.textValue();
                }
                case "closing_category" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    closing = absent ? null : v.textValue();
                }
                case "knife_or_sharp_instrument" -> {
                    if (!absent && !v.isBoolean()) {
                        return null;
                    }
                    knife = absent ? null : v.booleanValue();
                }
                case "firearm" -> {
                    if (!absent && !v.isBoolean()) {
                        return null;
                    }
                    firearm = absent ? null : v.booleanValue();
                }
                case "location" -> {
                    if (!absent) {
                        if (!v.isObject()) {
                            return null;
                        }
                        location = location(v);
                        if (location == null) {
                            return null;
                        }
                    }
                }
                default -> { } // not part of the record: ignored, as data binding ignores it
            }
        }
        return new PoliceIncident(incidentId, version, status, occurredAt, opening, closing, knife, firearm, location);
    }

    private static GeoLocation location(JsonNode node) {
        Double lon = null;
        Double lat = null;
        Double easting = null;
        Double northing = null;
        String lsoa = null;
        String district = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode v = field.getValue();
            boolean absent = v.isNull();
            switch (field.getKey()) {
                case "lon", "lat", "easting", "northing" -> {
                    if (!absent && !(v.isDouble() || v.isInt() || v.isLong())) {
                        return null;
                    }
                    Double d = absent ? null : v.doubleValue();
                    switch (field.getKey()) {
                        case "lon" -> lon = d;
                        case "lat" -> lat = d;
                        case "easting" -> easting = d;
                        default -> northing = d;
                    }
                }
                case "lsoa_code" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    lsoa = absent ? null : v.textValue();
                }
                case "postcode_district" -> {
                    if (!absent && !v.isTextual()) {
                        return null;
                    }
                    district = absent ? null : v.textValue();
                }
                default -> { }
            }
        }
        return new GeoLocation(lon, lat, easting, northing, lsoa, district);
    }
}
