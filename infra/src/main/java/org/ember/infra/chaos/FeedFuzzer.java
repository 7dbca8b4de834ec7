package org.ember.infra.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.infra.simulator.SimulatedRecord;
import org.ember.model.Feed;
import org.ember.model.codec.Json;

/**
 * Turns the simulator's valid records into fuzzed ones: record {@code n} gets kind {@code n mod k},
 * so any run of at least {@link FuzzKind#values()} records has every kind, in the same proportion.
 * Deterministic for a seed and an input.
 */
public final class FeedFuzzer {
    /** The fuzzed record as it goes on its feed topic. */
    public record Fuzzed(Feed feed, String key, long timestamp, byte[] value, FuzzKind kind) {}

    private static final int HUGE = 200_000;
    private static final Map<Feed, String> TIME_FIELD = Map.of(Feed.POLICE, "occurred_at", Feed.AMBULANCE, "call_time",
            Feed.AE, "arrival_time", Feed.NAVIGATOR, "event_time", Feed.INTEL, "reported_at");
    private static final List<String> CONTROL = List.of("\u0000", "\u0007", "\u001b[2J", "\u0008\u0008", "\r\n", "\u202e",
            "\u007f", "\ud800");
    private static final List<String> HTML = List.of("<script>alert(document.cookie)</script>",
            "<img src=x onerror=alert(1)>", "</td></tr><iframe src=//evil.example>", "\"><svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">map</a>");

    private final Iterator<SimulatedRecord> source;
    private final SplittableRandom random;
    private long n;

    public FeedFuzzer(Iterator<SimulatedRecord> source, long seed) {
        this.source = source;
        this.random = new SplittableRandom(seed);
    }

    public boolean hasNext() {
        return source.hasNext();
    }

    public Fuzzed next() {
        SimulatedRecord record = source.next();
        FuzzKind kind = FuzzKind.values()[(int) (n % FuzzKind.values().length)];
        long index = n++;
        byte[] value = record.malformed() || kind == FuzzKind.UNTOUCHED ? record.value()
                : mangle(record.feed(), record.value(), kind, index);
        return new Fuzzed(record.feed(), record.key(), record.emitTime(), value, kind);
    }

    private byte[] mangle(Feed feed, byte[] valid, FuzzKind kind, long index) {
        ObjectNode tree = (ObjectNode) Json.fromBytes(valid, JsonNode.class);
        switch (kind) {
            case INVALID_JSON -> {
                String text = new String(valid, StandardCharsets.UTF_8);
                String broken = switch (random.nextInt(4)) {
                    case 0 -> text.substring(0, random.nextInt(text.length()));
                    case 1 -> text.replaceFirst("\"", "'");
                    case 2 -> text.substring(0, text.length() - 1) + ",}";
                    default -> text.replaceFirst(":", ":NaN,\"x\":");
                };
                return broken.getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPES -> {
                String field = TIME_FIELD.get(feed);
                switch (random.nextInt(3)) {
                    case 0 -> tree.put(field, random.nextLong());
                    case 1 -> tree.put("location", "51.48,-3.18");
                    default -> tree.putArray(field).add(tree.path(field).asText());
                }
            }
            case HUGE_STRING -> tree.put(randomTextField(tree), "x".repeat(HUGE - 17) + " end of a long one");
            case BAD_COORDINATES -> {
                ObjectNode location = tree.putObject("location");
                switch (random.nextInt(4)) {
                    case 0 -> location.put("lon", Double.NaN).put("lat", Double.NaN);
                    case 1 -> location.put("lon", Double.POSITIVE_INFINITY).put("lat", 51.48);
                    case 2 -> location.put("lon", -3.18).put("lat", 91.0 + random.nextDouble(1000));
                    default -> location.put("lon", 181.0 + random.nextDouble(1000)).put("lat", -95.0);
                }
                // NaN and infinities are not JSON: Jackson writes them as strings or bare words only if told.
                return Json.toText(tree).replace("\"NaN\"", "NaN").replace("\"Infinity\"", "Infinity")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case YEAR_1900 -> shiftYear(tree, feed, "1900");
            case YEAR_2100 -> shiftYear(tree, feed, "2100");
            case UNKNOWN_PERSONAL_FIELDS -> {
                List<String> person = Canary.personal(index);
                tree.put("patient_name", person.get(0));
                tree.put("nhs_number", person.get(1));
                ObjectNode contact = tree.putObject("next_of_kin");
                contact.put("phone", person.get(2)).put("email", person.get(3));
                ((ObjectNode) tree.path("location")).put("home_address", person.get(4));
            }
            case CONTROL_CHARACTERS -> {
                String field = randomTextField(tree);
                tree.put(field, tree.path(field).asText() + CONTROL.get(random.nextInt(CONTROL.size())));
            }
            case HTML_IN_TEXT -> {
                String field = randomTextField(tree);
                tree.put(field, HTML.get(random.nextInt(HTML.size())) + tree.path(field).asText());
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
        return Json.toBytes(tree);
    }

    private static void shiftYear(ObjectNode tree, Feed feed, String year) {
        String field = TIME_FIELD.get(feed);
        String time = tree.path(field).asText();
        if (time.length() >= 4) {
            tree.put(field, year + time.substring(4));
        }
    }

    /** A string-valued top-level field of the record (ids, codes, categories, free text). */
    private String randomTextField(ObjectNode tree) {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            if (e.getValue().isTextual()) {
                fields.add(e.getKey());
            }
        }
        return fields.isEmpty() ? "text" : fields.get(random.nextInt(fields.size()));
    }
}
