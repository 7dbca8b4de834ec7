package org.ember.infra.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.model.Feed;
import org.ember.model.codec.Json;

/** Breaks a valid feed record in one of the {@link MalformedKind} ways. */
final class Malformer {
    /** Fields each feed's JSON Schema marks required (model/src/main/resources/schemas). */
    private static final Map<Feed, List<String>> REQUIRED = new EnumMap<>(Map.of(
            Feed.POLICE, List.of("incident_id", "occurred_at", "opening_category", "location"),
            Feed.AMBULANCE, List.of("call_id", "call_time", "complaint_system", "complaint_code",
                    "response_category", "location"),
            Feed.AE, List.of("attendance_id", "arrival_time", "assault_method", "site_code", "location"),
            Feed.NAVIGATOR, List.of("event_id", "event_time", "event_type", "person_ref", "location"),
            Feed.INTEL, List.of("report_id", "reported_at", "grading", "tension_level", "location")));

    /** The record's own time field, sent as a number by the WRONG_TYPE kind. */
    private static final Map<Feed, String> TIME_FIELD = new EnumMap<>(Map.of(
            Feed.POLICE, "occurred_at",
            Feed.AMBULANCE, "call_time",
            Feed.AE, "arrival_time",
            Feed.NAVIGATOR, "event_time",
            Feed.INTEL, "reported_at"));

    private Malformer() {}

    /** Picks a kind that applies to the feed; one random number. */
    static MalformedKind pickKind(Feed feed, SplittableRandom random) {
        List<MalformedKind> kinds = MalformedKind.applicableTo(feed);
        return kinds.get(random.nextInt(kinds.size()));
    }

    /** The broken bytes of a valid record; may consume random numbers. */
    static byte[] breakRecord(Feed feed, Object record, MalformedKind kind, SplittableRandom random) {
        if (kind == MalformedKind.NOT_JSON) {
            String text = Json.toText(record);
            return text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode tree = Json.mapper().valueToTree(record);
        switch (kind) {
            case MISSING_REQUIRED_FIELD -> {
                List<String> required = REQUIRED.get(feed);
                tree.remove(required.get(random.nextInt(required.size())));
            }
            case WRONG_TYPE -> {
                String field = TIME_FIELD.get(feed);
                tree.put(field, Instant.parse(tree.get(field).asText()).toEpochMilli());
            }
            case COORDINATES_OUT_OF_RANGE -> slipDecimalPoint(tree);
            case ASSAULT_AFTER_ARRIVAL -> {
                if (feed != Feed.AE) {
                    throw new IllegalArgumentException("ASSAULT_AFTER_ARRIVAL applies only to A&E records");
                }
                Instant arrival = Instant.parse(tree.get("arrival_time").asText());
                tree.put("assault_time", arrival.plusSeconds(60L * (60 + random.nextInt(120))).toString());
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
        return Json.toBytes(tree);
    }

    /** Multiplies whatever coordinates the location has (×100 degrees, ×10 metres); adds bad ones to an area code. */
    private static void slipDecimalPoint(ObjectNode tree) {
        ObjectNode location = (ObjectNode) tree.get("location");
        boolean hadPoint = false;
        if (has(location, "lon") && has(location, "lat")) {
            location.put("lon", location.get("lon").asDouble() * 100);
            location.put("lat", location.get("lat").asDouble() * 100);
            hadPoint = true;
        }
        if (has(location, "easting") && has(location, "northing")) {
            location.put("easting", location.get("easting").asDouble() * 10);
            location.put("northing", location.get("northing").asDouble() * 10);
            hadPoint = true;
        }
        if (!hadPoint) {
            location.put("lon", -317.9);
            location.put("lat", 5148.1);
        }
    }

    private static boolean has(JsonNode node, String field) {
        return node.hasNonNull(field);
    }
}
