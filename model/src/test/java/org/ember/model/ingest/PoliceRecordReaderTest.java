package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Random;
import org.ember.model.codec.Json;
import org.ember.model.feeds.PoliceIncident;
import org.junit.jupiter.api.Test;

class PoliceRecordReaderTest {
    private static final List<String> VALUES = List.of("\"W-1\"", "\"active\"", "\"cancelled\"", "\"Violence with injury\"",
            "\"\"", "2", "1", "-3", "2.0", "3000000000", "true", "false", "null", "\"true\"", "\"2\"",
            "\"2025-03-14T22:10:00Z\"", "\"2025-03-14T22:10:00.5+01:00\"", "\"2025-03-14T22:10:00.123456Z\"",
            "\"2025-02-30T22:10:00Z\"", "\"2025-03-14T22:10:00-00:00\"", "\"2025-03-14\"", "1741990200000", "[1]", "{}",
            "{\"lon\":-3.18,\"lat\":51.48}", "{\"easting\":318000,\"northing\":176000.5}", "{\"lsoa_code\":\"W01001694\"}",
            "{\"postcode_district\":\"CF10\",\"extra\":[1,2]}", "{\"lon\":\"-3.1\",\"lat\":51.4}", "{\"lon\":null,\"lat\":51}",
            "{\"lsoa_code\":5}");
    private static final List<String> FIELDS = List.of("incident_id", "version", "status", "occurred_at",
            "opening_category", "closing_category", "knife_or_sharp_instrument", "firearm", "location", "comment");

    /** Values of each field's own type, mostly: most records are then of the shape the reader vouches for. */
    private static final List<List<String>> FITTING = List.of(List.of("\"W-1\"", "\"SWP/25/1\"", "null"),
            List.of("1", "2", "-3", "null", "2147483647"), List.of("\"active\"", "\"cancelled\"", "\"odd\""),
            List.of("\"2025-03-14T22:10:00Z\"", "\"2025-03-14T22:10:00.5+01:00\"", "\"2025-03-14T22:10:00.123-05:30\"",
                    "\"2024-02-29T23:59:59.999Z\"", "\"2026-12-06T10:07:40.123456Z\"",
                    "\"2026-12-06T10:07:40.123456789+00:00\"", "null"),
            List.of("\"Violence with injury\"", "\"\""), List.of("\"Robbery\"", "\"\"", "null"), List.of("true", "false"),
            List.of("true", "false", "null"), List.of("{\"lon\":-3.18,\"lat\":51.48}", "{\"easting\":318000,\"northing\":176000.5}",
                    "{\"lsoa_code\":\"W01001694\",\"x\":{}}", "{\"postcode_district\":\"CF10\"}", "{\"lon\":-3,\"lat\":null}"),
            List.of("\"anything\"", "[1,{}]", "null"));

    /** Data binding's reading, or null when it refuses the record. */
    private static PoliceIncident bound(JsonNode tree) {
        try {
            return Json.mapper().treeToValue(tree, PoliceIncident.class);
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void readsEveryRecordItVouchesForExactlyAsDataBindingDoes() throws Exception {
        Random random = new Random(11);
        int vouched = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder("{");
            for (String field : FIELDS) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                if (json.length() > 1) {
                    json.append(',');
                }
                List<String> fitting = FITTING.get(FIELDS.indexOf(field));
                String value = random.nextInt(5) == 0 ? VALUES.get(random.nextInt(VALUES.size()))
                        : fitting.get(random.nextInt(fitting.size()));
                json.append('"').append(field).append("\":").append(value);
            }
            JsonNode tree = Json.mapper().readTree(json.append('}').toString());
            PoliceIncident quick = PoliceRecordReader.read(tree);
            if (quick != null) {
                vouched++;
                assertThat(quick).as(json.toString()).isEqualTo(bound(tree));
            }
        }
        assertThat(vouched).isGreaterThan(5_000);
        JsonNode usual = Json.mapper().readTree("{\"incident_id\":\"SWP-1\",\"version\":2,\"status\":\"active\","
                + "\"occurred_at\":\"2025-03-14T22:10:00Z\",\"opening_category\":\"Violence with injury\","
                + "\"knife_or_sharp_instrument\":true,\"location\":{\"lon\":-3.18,\"lat\":51.48}}");
        assertThat(PoliceRecordReader.read(usual)).as("the usual record is read without data binding")
                .isNotNull().isEqualTo(bound(usual));
    }
}
