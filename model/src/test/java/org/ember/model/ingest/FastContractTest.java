package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schemas' compiled quick check against the JSON-Schema library it stands in for: wherever the
 * check says VALID the library finds no violation, and wherever it says INVALID the library finds
 * one, on valid records of every feed and on tens of thousands of seeded mutations of them (wrong
 * types, nulls, missing and extra fields, bounds, patterns, odd date-times, huge numbers).
 */
class FastContractTest {
    private static final FeedContracts CONTRACTS = new FeedContracts();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final Map<Feed, String> VALID = Map.of(
            Feed.POLICE, """
                    {"incident_id":"CR-1","version":2,"status":"active","occurred_at":"2025-07-04T23:10:00+01:00",
                     "opening_category":"Public order","closing_category":"Possession of weapons",
                     "knife_or_sharp_instrument":true,"firearm":false,"location":{"lon":-3.18,"lat":51.48}}""",
            Feed.AMBULANCE, """
                    {"call_id":"C1","call_time":"2025-01-01T00:00:00Z","complaint_system":"AMPDS","complaint_code":"27D01",
                     "response_category":1,"age_band":"18-24","sex":"male","conveyed":true,
                     "location":{"easting":318100,"northing":176400}}""",
            Feed.AE, """
                    {"attendance_id":"A-1","arrival_time":"2025-01-01T02:00:00.250Z","assault_time":"2025-01-01T01:00:00Z",
                     "assault_method":"knife_sharp","location_type":"street","location_description":"near the bus station",
                     "site_code":"RYW01","age_band":"15-17","location":{"lsoa_code":"W01001694"}}""",
            Feed.NAVIGATOR, """
                    {"event_id":"E-1","event_time":"2025-01-01T00:00:00Z","event_type":"referral","person_ref":"P-9",
                     "site_code":"RYW01","risk_level":"high","age_band":"15-17","location":{"postcode_district":"CF10"}}""",
            Feed.INTEL, """
                    {"report_id":"I1","reported_at":"2025-01-01T00:00:00Z","grading":"potential","tension_level":"high",
                     "text":"words","location":{"lsoa_code":"W01001694"}}""");

    @ParameterizedTest
    @EnumSource(Feed.class)
    void everySchemaCompilesAndVouchesForAValidRecord(Feed feed) throws Exception {
        assertThat(CONTRACTS.hasQuickCheck(feed)).isTrue();
        JsonNode record = Json.mapper().readTree(VALID.get(feed));
        assertThat(CONTRACTS.libraryViolations(feed, record)).isEmpty();
        assertThat(CONTRACTS.quickVerdict(feed, record)).isEqualTo(FastContract.Verdict.VALID);
    }

    @Test
    void neverDisagreesWithTheLibraryOnMutatedRecords() throws Exception {
        SplittableRandom random = new SplittableRandom(20261206);
        int valid = 0;
        int invalid = 0;
        for (int n = 0; n < 20_000; n++) {
            Feed feed = Feed.values()[random.nextInt(Feed.values().length)];
            ObjectNode record = (ObjectNode) Json.mapper().readTree(VALID.get(feed));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(random.nextBoolean() || !record.has("location") || !record.get("location").isObject()
                        ? record : (ObjectNode) record.get("location"), random);
            }
            FastContract.Verdict verdict = CONTRACTS.quickVerdict(feed, record);
            List<String> library;
            try {
                library = CONTRACTS.libraryViolations(feed, record);
            } catch (RuntimeException e) {
                // The library fails on some values (Infinity); ingest then dead-letters the record as unreadable.
                assertThat(verdict).as("%s %s", feed, record).isNotEqualTo(FastContract.Verdict.VALID);
                continue;
            }
            if (verdict == FastContract.Verdict.VALID) {
                valid++;
                assertThat(library).as("%s %s", feed, record).isEmpty();
            } else if (verdict == FastContract.Verdict.INVALID) {
                invalid++;
                assertThat(library).as("%s %s", feed, record).isNotEmpty();
            }
            // UNSURE: the library decides, as it always did.
        }
        // The mutations reach both answers often, so the comparison means something.
        assertThat(valid).isGreaterThan(1_000);
        assertThat(invalid).isGreaterThan(5_000);
    }

    private static void mutate(ObjectNode node, SplittableRandom random) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() || random.nextInt(8) == 0 ? "extra_" + random.nextInt(3) : names.get(random.nextInt(names.size()));
        JsonNode value = switch (random.nextInt(24)) {
            case 0 -> null; // removed
            case 1 -> F.nullNode();
            case 2 -> F.numberNode(random.nextInt(-3, 6));
            case 3 -> F.numberNode(random.nextDouble(-400, 1_400_000));
            case 4 -> F.numberNode(1.0);
            case 5 -> F.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 6 -> F.numberNode(Double.POSITIVE_INFINITY);
            case 7 -> F.booleanNode(random.nextBoolean());
            case 8 -> F.textNode("");
            case 9 -> F.textNode("x".repeat(random.nextInt(1, 300)));
            case 10 -> F.textNode("CR-" + (char) random.nextInt(0, 32) + "1");
            case 11 -> F.textNode("Robbery\n");
            case 12 -> F.textNode(pick(random, "2025-01-01T00:00:00Z", "2025-01-01t00:00:00z", "2016-12-31T23:59:60Z",
                    "2025-02-30T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T00:00:00+25:00", "2025-01-01T00:00:00",
                    "2025-01-01 00:00:00Z", "0001-01-01T00:00:00Z", "2025-01-01T00:00:00.1234567891Z", "not a time",
                    "2025-06-01T12:00:00-00:00", "+2025-01-01T00:00:00Z"));
            case 13 -> F.textNode(pick(random, "active", "cancelled", "Cancelled", "AMPDS", "PATHWAYS", "knife_sharp",
                    "referral", "high", "potential", "15-17", "male", "street"));
            case 14 -> F.textNode(pick(random, "W01001694", "E01000001", "X01000001", "CF10", "cf10", "CF101"));
            case 15 -> F.numberNode(pick(random, -180.5, -180.0, 180.0, 90.0, 90.000001, -3.18, 51.48, 0.0, 700_000.0,
                    700_000.5, 1_300_000.0));
            case 16 -> F.objectNode();
            case 17 -> F.arrayNode().add("x");
            case 18 -> F.textNode("27D01");
            case 19 -> F.textNode("Stab wound");
            case 20 -> F.numberNode(random.nextInt(0, 6));
            case 21 -> F.textNode("é" + "a".repeat(random.nextInt(0, 130)));
            case 22 -> F.textNode("<b>x</b>");
            default -> F.textNode("A" + random.nextInt(1000));
        };
        if (value == null) {
            node.remove(name);
        } else {
            node.set(name, value);
        }
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
