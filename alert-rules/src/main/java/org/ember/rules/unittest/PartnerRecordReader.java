package org.ember.rules.unittest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ember.model.Feed;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.ember.rules.YamlPositions;

/**
 * Reads a rule test's partner record — feed, id, time, place and the feed's own fields — into the
 * feed's JSON, and checks it against the feed's contract as the job's ingest does, so a record the
 * job would dead-letter is a problem in the test file rather than a silently missing input.
 */
final class PartnerRecordReader {
    private static final List<String> FEEDS = Arrays.stream(Feed.values()).map(Feed::code).toList();

    private final FeedParser feedParser = new FeedParser(ReportInputs.TEST_KEY);

    RuleTestFile.PartnerRecord record(TestFileScope s, String at, JsonNode node, TestPlaces places) {
        if (!node.isObject()) {
            s.atValue(at, "a record is a mapping: {feed, id, time, place, ...the feed's fields}");
            return null;
        }
        int before = s.problemCount();
        String feed = node.path("feed").asText(null);
        if (feed == null || !FEEDS.contains(feed)) {
            s.atValue(node.has("feed") ? YamlPositions.child(at, "feed") : at, "'feed' is '" + feed + "'; expected one of "
                    + FEEDS);
            return null;
        }
        List<String> fields = RecordForm.fields(feed);
        node.properties().forEach(entry -> {
            if (!RecordForm.COMMON.contains(entry.getKey()) && !fields.contains(entry.getKey())) {
                s.atKey(YamlPositions.child(at, entry.getKey()), "unknown key '" + entry.getKey() + "' for a " + feed
                        + " record; known keys: " + RecordForm.COMMON + " and the feed's fields " + new TreeSet<>(fields));
            }
        });
        JsonNode id = node.get("id");
        if (id == null || !id.isValueNode()) {
            s.atKey(at, "'id' is required: the partner's reference (" + RecordForm.idField(feed) + ")");
        }
        Long time = s.time(at, node, "time");
        Long arrives = node.has("arrives") ? s.time(at, node, "arrives") : time;
        String placeAt = YamlPositions.child(at, "place");
        ObjectNode location = location(s, placeAt, node.get("place"), places);
        if (node.get("place") == null) {
            s.atKey(at, "'place' is required: {lat: …, lon: …}, an LSOA code or a name from 'places'");
        }
        if (s.problemCount() > before || time == null || arrives == null || location == null) {
            return null;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(RecordForm.idField(feed), id.asText());
        json.put(RecordForm.timeField(feed), Instant.ofEpochMilli(time).toString());
        node.properties().forEach(entry -> {
            if (!RecordForm.COMMON.contains(entry.getKey())) {
                json.set(entry.getKey(), entry.getValue());
            }
        });
        json.set("location", location);
        String text = json.toString();
        ParseOutcome parsed = feedParser.parse(Feed.fromCode(feed), text.getBytes(StandardCharsets.UTF_8), arrives);
        if (parsed instanceof ParseOutcome.Rejected rejected) {
            s.atKey(at, "bad " + feed + " record: " + rejected.reason());
            return null;
        }
        return new RuleTestFile.PartnerRecord(feed, arrives, text, s.where(at), s.where(placeAt));
    }

    /** A record's place as the feed's location: {lat, lon}, or an LSOA code (given or named). */
    private static ObjectNode location(TestFileScope s, String at, JsonNode node, TestPlaces places) {
        if (node == null) {
            return null;
        }
        ObjectNode location = JsonNodeFactory.instance.objectNode();
        if (node.isObject()) {
            s.unknownKeys(at, node, Set.of("lat", "lon"));
            JsonNode lat = node.get("lat");
            JsonNode lon = node.get("lon");
            if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
                s.atValue(at, "a point is {lat: …, lon: …}, both numbers (WGS84 degrees)");
                return null;
            }
            location.put("lon", lon.asDouble());
            location.put("lat", lat.asDouble());
            return location;
        }
        String[] place = places.place(at, node);
        if (place == null) {
            return null;
        }
        if (!"lsoa".equals(place[0])) {
            s.atValue(at, "a record is placed by a point {lat, lon} or an LSOA code, not a local authority");
            return null;
        }
        location.put("lsoa_code", place[1]);
        return location;
    }
}
