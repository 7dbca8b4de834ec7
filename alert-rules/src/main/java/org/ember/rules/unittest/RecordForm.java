package org.ember.rules.unittest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ember.model.Feed;

/**
 * How a rule test writes a partner record: {@code feed}, {@code id}, {@code time} and {@code place}
 * the same for every feed, every other field as the feed's published JSON Schema names it. This
 * maps the common keys onto each feed's own (the reference, the time that places the event).
 */
final class RecordForm {
    /** Keys a record has whatever its feed. */
    static final List<String> COMMON = List.of("feed", "id", "time", "arrives", "place");

    /** Per feed: the field of its reference and of its event time. */
    private static final Map<String, String[]> KEYS = Map.of(
            "police", new String[] {"incident_id", "occurred_at"},
            "ambulance", new String[] {"call_id", "call_time"},
            "ae", new String[] {"attendance_id", "arrival_time"},
            "navigator", new String[] {"event_id", "event_time"},
            "intel", new String[] {"report_id", "reported_at"});

    private RecordForm() {}

    static String idField(String feed) {
        return KEYS.get(feed)[0];
    }

    static String timeField(String feed) {
        return KEYS.get(feed)[1];
    }

    /** The fields a test may give for a feed: its schema's, less those the common keys fill. */
    static List<String> fields(String feed) {
        List<String> fields = new ArrayList<>();
        schema(feed).path("properties").fieldNames().forEachRemaining(fields::add);
        fields.removeAll(List.of(idField(feed), timeField(feed), "location"));
        return fields;
    }

    private static JsonNode schema(String feed) {
        String resource = Feed.fromCode(feed).schemaResource();
        try (InputStream in = Feed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("feed schema " + resource + " is not on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
