package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ember.model.Feed;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One hostile or careless record at a time: each is refused with a reason that does not quote it. */
class FeedParserHardeningTest {
    private static final Instant NOW = Instant.parse("2026-03-07T22:00:00Z");
    private static final long ARRIVAL = NOW.minusSeconds(60).toEpochMilli();
    private static final FeedParser PARSER = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef"),
            IngestLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String POLICE = """
            {"incident_id":"%s","occurred_at":"%s","opening_category":"%s","location":{"lsoa_code":"W01001694"}}""";

    private static ParseOutcome police(String id, String when, String category) {
        return PARSER.parse(Feed.POLICE, POLICE.formatted(id, when, category).getBytes(StandardCharsets.UTF_8), ARRIVAL);
    }

    private static String reason(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        return ((ParseOutcome.Rejected) outcome).reason();
    }

    @Test
    void aPlausibleRecordIsAccepted() {
        assertThat(police("CR-1", "2026-03-07T21:30:00Z", "Violence and sexual offences"))
                .isInstanceOf(ParseOutcome.Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z", "2016-12-31T23:59:60Z", "2100-01-01T00:00:00Z", "2026-03-07T22:30:00Z",
        "2026-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"})
    void eventTimesFarFromArrivalAreRefused(String when) {
        assertThat(reason(police("CR-2", when, "Robbery"))).containsAnyOf("event time", "date-time", "cannot read");
    }

    @Test
    void withoutAnArrivalTheWallClockStillBoundsTheFuture() {
        ParseOutcome future = PARSER.parse(Feed.POLICE, POLICE.formatted("CR-3", "2100-01-01T00:00:00Z", "Robbery")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(reason(future)).contains("ahead of the clock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CR\\u0000X", "CR\\r\\nX", "CR\\u202eX", "CR\\ud800X", "CR X", "CR<b>", "Ｃ R"})
    void controlAndInvisibleCharactersInIdsAreRefused(String id) {
        assertThat(reason(police(id, "2026-03-07T21:30:00Z", "Robbery"))).contains("incident_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"John Smith 943 476 5919", "john.smith@example.org", "<script>alert(1)</script>",
        "Robbery 07700 900123", "=HYPERLINK(1)"})
    void codeFieldsCannotCarryIdentifiersOrMarkup(String category) {
        String reason = reason(police("CR-4", "2026-03-07T21:30:00Z", category));
        assertThat(reason).contains("opening_category").doesNotContain("943", "john", "script", "07700", "HYPERLINK");
    }

    @Test
    void ambulanceAeNavigatorAndIntelCodesArePatterned() {
        String call = """
                {"call_id":"C1","call_time":"2026-03-07T21:30:00Z","complaint_system":"AMPDS","complaint_code":"%s",
                 "response_category":1,"location":{"lsoa_code":"W01001694"}}""";
        assertThat(reason(PARSER.parse(Feed.AMBULANCE, call.formatted("9434765919").getBytes(StandardCharsets.UTF_8),
                ARRIVAL))).contains("complaint_code").doesNotContain("9434765919");
        String ae = """
                {"attendance_id":"A1","arrival_time":"2026-03-07T21:30:00Z","assault_method":"other","site_code":"%s",
                 "location":{"lsoa_code":"W01001694"}}""";
        assertThat(reason(PARSER.parse(Feed.AE, ae.formatted("jane@nhs.net").getBytes(StandardCharsets.UTF_8), ARRIVAL)))
                .contains("site_code").doesNotContain("jane");
        String intel = """
                {"report_id":"I1","reported_at":"2026-03-07T21:30:00Z","grading":"potential","tension_level":"%s",
                 "location":{"lsoa_code":"W01001694"}}""";
        assertThat(reason(PARSER.parse(Feed.INTEL, intel.formatted("<img src=x>").getBytes(StandardCharsets.UTF_8),
                ARRIVAL))).contains("tension_level");
    }

    @Test
    void intelligenceTextKeepsItsSubstanceWithoutIdentifiers() {
        String intel = """
                {"report_id":"I2","reported_at":"2026-03-07T21:30:00Z","grading":"potential","tension_level":"high",
                 "text":"Youths gathering near the park, call 07700 900123 or mail tip@example.org, NHS 943 476 5919, lives at CF10 1AA <b>now</b>",
                 "location":{"lsoa_code":"W01001694"}}""";
        ParseOutcome outcome = PARSER.parse(Feed.INTEL, intel.getBytes(StandardCharsets.UTF_8), ARRIVAL);
        String detail = ((ParseOutcome.Accepted) outcome).event().detail();
        assertThat(detail).contains("Youths gathering near the park")
                .doesNotContain("07700", "tip@example.org", "943", "CF10 1AA", "<b>");
    }

    @Test
    void sizeDepthDuplicatesAndNumbersAreBounded() {
        byte[] big = ("{\"incident_id\":\"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(reason(PARSER.parse(Feed.POLICE, big, ARRIVAL))).contains("larger than the limit");
        String deep = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
        assertThat(reason(PARSER.parse(Feed.POLICE, deep.getBytes(StandardCharsets.UTF_8), ARRIVAL))).contains("not valid JSON");
        String duplicate = """
                {"incident_id":"CR-5","incident_id":"CR-6","occurred_at":"2026-03-07T21:30:00Z","opening_category":"Robbery",
                 "location":{"lsoa_code":"W01001694"}}""";
        assertThat(reason(PARSER.parse(Feed.POLICE, duplicate.getBytes(StandardCharsets.UTF_8), ARRIVAL)))
                .contains("not valid JSON").doesNotContain("CR-6");
        String nan = """
                {"incident_id":"CR-7","occurred_at":"2026-03-07T21:30:00Z","opening_category":"Robbery",
                 "location":{"lon":NaN,"lat":1e400}}""";
        assertThat(PARSER.parse(Feed.POLICE, nan.getBytes(StandardCharsets.UTF_8), ARRIVAL))
                .isInstanceOf(ParseOutcome.Rejected.class);
        String infinite = """
                {"incident_id":"CR-8","occurred_at":"2026-03-07T21:30:00Z","opening_category":"Robbery",
                 "location":{"lon":1e400,"lat":-1e400}}""";
        assertThat(reason(PARSER.parse(Feed.POLICE, infinite.getBytes(StandardCharsets.UTF_8), ARRIVAL))).contains("location");
    }

    @Test
    void wrongTypesAreRefusedWithoutQuotingTheValue() {
        String wrong = """
                {"incident_id":"CR-9","occurred_at":"2026-03-07T21:30:00Z","opening_category":"Robbery","version":"Jane Doe 943 476 5919",
                 "location":{"lsoa_code":"W01001694"}}""";
        assertThat(reason(PARSER.parse(Feed.POLICE, wrong.getBytes(StandardCharsets.UTF_8), ARRIVAL)))
                .contains("version").doesNotContain("Jane", "943");
    }
}
