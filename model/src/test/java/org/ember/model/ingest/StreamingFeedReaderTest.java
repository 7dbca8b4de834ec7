package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.PoliceIncident;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.Test;

/**
 * The streaming path against the checked path (tree, schema library, data binding) on random
 * records of each feed: valid ones of every shape the schemas allow, and mutated ones (wrong types,
 * nulls, unknown and duplicate fields, odd times, text just outside a pattern, trailing bytes). The
 * parser's outcome must be the checked path's, word for word; a record the reader vouches for must
 * be valid to the library and equal to data binding's reading of it.
 */
class StreamingFeedReaderTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final FeedParser PARSER = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef"),
            IngestLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final FeedContracts CONTRACTS = new FeedContracts();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096)
                    .maxNumberLength(64).maxNameLength(256).build())
            .build(); // no duplicate detection, as FeedParser's streaming factory: the reader finds them itself

    private static final List<String> IDS = List.of("\"W-1\"", "\"SWP/25/1\"", "\"a.b_c:d#e-f\"", "\"x\"",
            "\"" + "A".repeat(128) + "\"", "\"" + "A".repeat(129) + "\"", "\"-bad\"", "\"has space\"", "\"\"",
            "\"ok\\n\"", "\"\\u0041BC\"", "\"é1\"");
    private static final List<String> VERSIONS = List.of("1", "2", "2147483647", "0", "-3", "2.0", "1e0",
            "3000000000", "\"2\"");
    private static final List<String> STATUSES = List.of("\"active\"", "\"cancelled\"", "\"Active\"", "\"odd\"");
    private static final List<String> TIMES = List.of("\"2025-12-14T22:10:00Z\"", "\"2025-12-14T22:10:00.5+01:00\"",
            "\"2025-12-14T22:10:00.123-05:30\"", "\"2025-12-31T23:59:59.999Z\"", "\"2025-12-06T10:07:40.123456Z\"",
            "\"2025-12-06T10:07:40.123456789+00:00\"", "\"2025-12-14T22:10:00-00:00\"", "\"2025-02-30T22:10:00Z\"",
            "\"2025-12-14\"", "\"2025-12-14t22:10:00z\"", "\"2025-12-14T22:10:00+0100\"", "\"1999-12-31T23:59:59Z\"",
            "\"2026-06-01T00:00:00Z\"", "\"2024-02-29T12:00:00Z\"", "1741990200000");
    private static final List<String> CATEGORIES = List.of("\"Violence with injury\"", "\"Robbery\"",
            "\"Possession of weapons\"", "\"Anti-social behaviour\"", "\"Theft (other), & misc/it's\"", "\"\"",
            "\"1 bad\"", "\"Violence\\n\"", "\"" + "V".repeat(80) + "\"", "\"" + "V".repeat(81) + "\"");
    private static final List<String> BOOLEANS = List.of("true", "false", "\"true\"", "1");
    private static final List<String> LOCATIONS = List.of("{\"lon\":-3.18,\"lat\":51.48}", "{\"lon\":-3,\"lat\":51}",
            "{\"lon\":-3.1799999999999997,\"lat\":5.148E1}", "{\"easting\":318000,\"northing\":176000.5}",
            "{\"lsoa_code\":\"W01001694\"}", "{\"postcode_district\":\"CF10\"}", "{\"postcode_district\":\"B1\"}",
            "{\"postcode_district\":\"SW1A\"}", "{\"lon\":-3,\"lat\":null}", "{\"lon\":-3.1}", "{}",
            "{\"lon\":-180.0001,\"lat\":51}", "{\"lon\":180,\"lat\":-90}", "{\"lon\":-0.0,\"lat\":0}",
            "{\"lon\":\"-3.1\",\"lat\":51.4}", "{\"lsoa_code\":5}", "{\"lsoa_code\":\"X01001694\"}",
            "{\"postcode_district\":\"cf10\"}", "{\"lon\":1,\"lat\":2,\"lon\":3}",
            "{\"lsoa_code\":\"W01001694\",\"extra\":[1,2]}", "{\"easting\":700001,\"northing\":1}",
            "{\"easting\":1e400,\"northing\":1}", "{\"lon\":-3.18,\"lat\":51.48,\"lsoa_code\":\"E01000001\"}",
            "{\"lon\":12345678901234567890,\"lat\":1}", "[1]", "\"CF10\"");
    private static final List<String> AGE_BANDS = List.of("\"0-9\"", "\"15-17\"", "\"65+\"", "\"unknown\"", "\"16\"");
    private static final List<String> ANYTHING = List.of("null", "\"\"", "\"x\"", "0", "-1", "1.5", "true", "[]", "{}",
            "[1,{\"a\":null}]", "\"2025-12-14T22:10:00Z\"");

    private static Map<String, List<String>> fields(Feed feed) {
        return switch (feed) {
            case POLICE -> ordered("incident_id", IDS, "version", VERSIONS, "status", STATUSES, "occurred_at", TIMES,
                    "opening_category", CATEGORIES, "closing_category", CATEGORIES, "knife_or_sharp_instrument", BOOLEANS,
                    "firearm", BOOLEANS, "location", LOCATIONS);
            case AMBULANCE -> ordered("call_id", IDS, "version", VERSIONS, "status", STATUSES, "call_time", TIMES,
                    "complaint_system", List.of("\"AMPDS\"", "\"AMPDS\"", "\"PATHWAYS\"", "\"ampds\""),
                    "complaint_code", List.of("\"27D01\"", "\"04B01\"", "\"27\"", "\"9\"", "\"Dx1234\"", "\"Dx1\"",
                            "\"Stab wound to chest\"", "\"gunshot, penetrating/x_y\"", "\"27D01a\"", "\"1stab\"", "\"\"",
                            "\"27O01Z\"", "\"27F01\""),
                    "response_category", List.of("1", "2", "4", "5", "0", "1.0"), "age_band", AGE_BANDS,
                    "sex", List.of("\"female\"", "\"male\"", "\"other\"", "\"unknown\"", "\"f\""), "conveyed", BOOLEANS,
                    "location", LOCATIONS);
            case AE -> ordered("attendance_id", IDS, "version", VERSIONS, "status", STATUSES, "arrival_time", TIMES,
                    "assault_time", TIMES,
                    "assault_method", List.of("\"body_part\"", "\"knife_sharp\"", "\"firearm\"", "\"unknown\"", "\"knife\""),
                    "location_type", List.of("\"street\"", "\"pub_club\"", "\"public_transport\"", "\"moon\""),
                    "location_description", List.of("\"outside the chip shop\"", "\"\"", "\"Ünïcødé ✓ 😀\"",
                            "\"" + "d".repeat(200) + "\"", "\"" + "d".repeat(201) + "\"", "\"" + "😀".repeat(150) + "\""),
                    "site_code", List.of("\"RWM01\"", "\"A\"", "\"ABCDEFGH\"", "\"ABCDEFGHI\"", "\"A-1\"", "\"\""),
                    "age_band", AGE_BANDS, "location", LOCATIONS);
            case NAVIGATOR -> ordered("event_id", IDS, "version", VERSIONS, "status", STATUSES, "event_time", TIMES,
                    "event_type", List.of("\"referral\"", "\"offer_accepted\"", "\"re_attendance\"", "\"visit\""),
                    "person_ref", IDS, "site_code", List.of("\"RWM01\"", "\"A\"", "\"\"", "\"A B\""),
                    "risk_level", List.of("\"low\"", "\"high\"", "\"unknown\"", "\"severe\""), "age_band", AGE_BANDS,
                    "location", LOCATIONS);
            case INTEL -> ordered("report_id", IDS, "version", VERSIONS, "status", STATUSES, "reported_at", TIMES,
                    "grading", List.of("\"evidenced\"", "\"experienced\"", "\"potential\"", "\"rumour\""),
                    "tension_level", List.of("\"high\"", "\"very_high - 2\"", "\"H\"", "\"" + "h".repeat(24) + "\"",
                            "\"" + "h".repeat(25) + "\"", "\"2high\"", "\"high!\""),
                    "text", List.of("\"Groups gathering near the park\"", "\"\"", "\"call 07700 900123 re J. Smith\"",
                            "\"" + "t".repeat(2000) + "\"", "\"" + "t".repeat(2001) + "\"", "\"a\\u0000b\\\"c\""),
                    "location", LOCATIONS);
        };
    }

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], values);
        }
        return map;
    }

    /** A record of the feed: each field mostly present with one of its values, sometimes mutated. */
    private static String record(Feed feed, Random random) {
        Map<String, List<String>> fields = fields(feed);
        List<String> parts = new ArrayList<>();
        Set<String> required = new TreeSet<>(FeedLayouts.of(feed).fields().stream().filter(FeedLayout.Field::required)
                .map(FeedLayout.Field::name).toList());
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            if (random.nextInt(required.contains(field.getKey()) ? 40 : 4) == 0) {
                continue;
            }
            List<String> values = field.getValue();
            // the first few values of each list are valid: favour them so that most records are
            int pick = random.nextInt(8) == 0 ? random.nextInt(values.size()) : random.nextInt(Math.min(3, values.size()));
            String value = random.nextInt(40) == 0 ? ANYTHING.get(random.nextInt(ANYTHING.size())) : values.get(pick);
            parts.add("\"" + field.getKey() + "\":" + value);
        }
        switch (random.nextInt(30)) {
            case 0 -> parts.add("\"comment\":\"not in the schema\"");
            case 1 -> {
                if (!parts.isEmpty()) {
                    parts.add(parts.get(random.nextInt(parts.size()))); // a duplicate key
                }
            }
            case 2 -> java.util.Collections.shuffle(parts, random);
            default -> { }
        }
        String json = "{" + String.join(random.nextInt(10) == 0 ? " ,\n " : ",", parts) + "}";
        return switch (random.nextInt(40)) {
            case 0 -> json + " ";
            case 1 -> json + " x";
            case 2 -> json + "{}";
            case 3 -> "[" + json + "]";
            case 4 -> json.substring(0, json.length() - 1);
            case 5 -> " \n" + json;
            default -> json;
        };
    }

    @Test
    void everyFeedHasAStreamingReaderForItsPresentSchema() {
        for (Feed feed : Feed.values()) {
            assertThat(StreamingFeedReader.forFeed(feed))
                    .as("%s: the schema changed since FeedLayouts was written (sha-256 now %s); bring the layout in"
                            + " line with it and update the hash", feed, StreamingFeedReader.schemaSha256(feed))
                    .isNotNull();
        }
    }

    @Test
    void eachLayoutNamesTheSchemasFieldsAndRequiresWhatItRequires() throws Exception {
        for (Feed feed : Feed.values()) {
            JsonNode schema;
            try (InputStream in = getClass().getResourceAsStream(feed.schemaResource())) {
                schema = Json.mapper().readTree(in);
            }
            Set<String> properties = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> required = new TreeSet<>();
            schema.get("required").forEach(n -> required.add(n.asText()));
            FeedLayout layout = FeedLayouts.of(feed);
            assertThat(new TreeSet<>(layout.fields().stream().map(FeedLayout.Field::name).toList())).as(feed.code())
                    .isEqualTo(properties);
            assertThat(new TreeSet<>(layout.fields().stream().filter(FeedLayout.Field::required)
                    .map(FeedLayout.Field::name).toList())).as(feed.code()).isEqualTo(required);
        }
    }

    @Test
    void theParserGivesTheCheckedPathsOutcomeForEveryRecordAndVouchesOnlyForValidOnes() throws Exception {
        Random random = new Random(20261207);
        for (Feed feed : Feed.values()) {
            StreamingFeedReader reader = StreamingFeedReader.forFeed(feed);
            int vouched = 0;
            int rejected = 0;
            for (int i = 0; i < 12_000; i++) {
                String json = record(feed, random);
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                long arrival = random.nextBoolean() ? FeedParser.UNKNOWN_ARRIVAL : NOW.toEpochMilli() - random.nextInt(2) * 86_400_000L * 10;
                ParseOutcome expected = PARSER.parseChecked(feed, bytes, arrival);
                assertThat(PARSER.parse(feed, bytes, arrival)).as("%s %s", feed, json).isEqualTo(expected);
                rejected += expected instanceof ParseOutcome.Rejected ? 1 : 0;
                Object record = reader.read(FACTORY, bytes);
                if (record != null) {
                    vouched++;
                    JsonNode tree = Json.mapper().readTree(bytes);
                    assertThat(CONTRACTS.libraryViolations(feed, tree)).as("%s %s", feed, json).isEmpty();
                    assertThat(record).as("%s %s", feed, json).isEqualTo(Json.mapper().treeToValue(tree, record.getClass()));
                }
            }
            System.out.printf("%s: %d of 12000 read by the streaming path, %d rejected%n", feed, vouched, rejected);
            assertThat(vouched).as("%s records vouched for", feed).isGreaterThan(600);
            assertThat(rejected).as("%s records rejected", feed).isGreaterThan(600);
        }
    }

    @Test
    void theBenchAndSimulatorShapeIsReadWithoutTheTree() {
        byte[] usual = Json.toBytes(new PoliceIncident("BENCH-7", 1, "active", Instant.parse("2025-12-06T10:07:40.123456Z"),
                "Violence with injury", null, true, false, org.ember.model.feeds.GeoLocation.wgs84(-3.18, 51.48)));
        Object record = StreamingFeedReader.forFeed(Feed.POLICE).read(FACTORY, usual);
        assertThat(record).isInstanceOf(PoliceIncident.class);
        assertThat(PARSER.parse(Feed.POLICE, usual)).isEqualTo(PARSER.parseChecked(Feed.POLICE, usual, FeedParser.UNKNOWN_ARRIVAL))
                .isInstanceOf(ParseOutcome.Accepted.class);
    }
}
