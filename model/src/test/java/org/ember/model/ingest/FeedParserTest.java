package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ember.model.Feed;
import org.ember.model.IncidentCategory;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private static final FeedParser PARSER = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef"));

    private static ParseOutcome parse(Feed feed, String json) {
        return PARSER.parse(feed, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ReportedEvent accepted(Feed feed, String json) {
        ParseOutcome outcome = parse(feed, json);
        assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
        return ((ParseOutcome.Accepted) outcome).event();
    }

    private static String rejected(Feed feed, String json) {
        ParseOutcome outcome = parse(feed, json);
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        return ((ParseOutcome.Rejected) outcome).reason();
    }

    /**
     * A parser remembers each police category's mapping: a long-lived parser must give, record for
     * record, what a parser seeing the record first gives, for every spelling and past the memo's bound.
     */
    @Test
    void aRememberedPoliceCategoryGivesWhatAFreshParserGives() {
        FeedParser longLived = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef"));
        String[] words = {"Violence with injury", "VIOLENCE AND SEXUAL OFFENCES", "Possession of weapons", "Robbery",
            "Public order", "Anti-social behaviour", "Criminal damage and arson", "homicide", "Wounding \u00e0 la carte",
            "ASSAULT\u0130", "Other theft", " ", ""};
        java.util.Random random = new java.util.Random(17L);
        int compared = 0;
        for (int i = 0; i < 700; i++) {
            // Past 256 distinct spellings (the schema allows letters, spaces and a little punctuation).
            String opening = words[random.nextInt(words.length)] + (i >= 200 ? " " + letters(i) : "");
            String closing = random.nextInt(3) == 0 ? null : words[random.nextInt(words.length)];
            String json = """
                    {"incident_id":"CR-%d","occurred_at":"2025-07-04T23:10:00Z","status":"%s","opening_category":"%s",%s
                     "knife_or_sharp_instrument":%s,"location":{"lon":-3.18,"lat":51.48}}"""
                    .formatted(i, random.nextBoolean() ? "active" : "cancelled", opening,
                            closing == null ? "" : "\"closing_category\":\"" + closing + "\",", random.nextBoolean());
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ParseOutcome fresh = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef")).parse(Feed.POLICE, bytes);
            for (int again = 0; again < 2; again++) {
                assertThat(longLived.parse(Feed.POLICE, bytes)).isEqualTo(fresh);
            }
            if (fresh instanceof ParseOutcome.Accepted) {
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(400);
    }

    private static String letters(int n) {
        StringBuilder text = new StringBuilder();
        for (int k = n; k > 0; k /= 26) {
            text.append((char) ('a' + k % 26));
        }
        return text.toString();
    }

    @Test
    void theClosingCategoryWinsAndAWeaponsOffenceIsAWeaponReport() {
        ReportedEvent event = accepted(Feed.POLICE, """
                {"incident_id":"CR-1","version":2,"occurred_at":"2025-07-04T23:10:00+01:00",
                 "opening_category":"Public order","closing_category":"Possession of weapons",
                 "location":{"easting":318100,"northing":176400}}""");
        assertThat(event.category()).isEqualTo(IncidentCategory.WEAPON);
        assertThat(event.weapon()).isTrue();
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-07-04T22:10:00Z").toEpochMilli());
    }

    @Test
    void ampds27IsAPenetratingInjuryAndPathwaysIsReadByItsWords() {
        String call = """
                {"call_id":"C1","call_time":"2025-01-01T00:00:00Z","complaint_system":"%s","complaint_code":"%s",
                 "response_category":1,"location":{"lon":-3.18,"lat":51.48}}""";
        assertThat(accepted(Feed.AMBULANCE, call.formatted("AMPDS", "27D01")).weapon()).isTrue();
        assertThat(accepted(Feed.AMBULANCE, call.formatted("AMPDS", "04B01")).weapon()).isFalse();
        assertThat(accepted(Feed.AMBULANCE, call.formatted("PATHWAYS", "Stab wound to chest")).weapon()).isTrue();
    }

    @Test
    void aCancellationIsAcceptedAsACancelledEvent() {
        ReportedEvent event = accepted(Feed.INTEL, """
                {"report_id":"I1","status":"cancelled","reported_at":"2025-01-01T00:00:00Z","grading":"potential",
                 "tension_level":"high","location":{"lsoa_code":"W01001694"}}""");
        assertThat(event.cancelled()).isTrue();
    }

    @Test
    void longIntelligenceTextIsCutNotRejected() {
        String text = "x".repeat(1000);
        ReportedEvent event = accepted(Feed.INTEL, """
                {"report_id":"I2","reported_at":"2025-01-01T00:00:00Z","grading":"evidenced","tension_level":"low",
                 "text":"%s","location":{"postcode_district":"CF10"}}""".formatted(text));
        assertThat(event.detail().length()).isLessThan(FeedParser.MAX_INTEL_TEXT + 60);
    }

    @Test
    void reasonsNameTheFieldAtFault() {
        assertThat(rejected(Feed.POLICE, "[]")).isEqualTo("not a JSON object");
        assertThat(rejected(Feed.AE, """
                {"attendance_id":"A","arrival_time":"2025-01-01T00:00:00Z","assault_method":"spoon","site_code":"X",
                 "location":{"lsoa_code":"W01001694"}}""")).contains("assault_method");
        assertThat(rejected(Feed.POLICE, """
                {"incident_id":"CR","occurred_at":"2025-01-01T00:00:00Z","opening_category":"Robbery","location":{}}"""))
                .contains("location");
        assertThat(rejected(Feed.NAVIGATOR, """
                {"event_id":"E","event_time":"not a time","event_type":"referral","person_ref":"P",
                 "location":{"lsoa_code":"W01001694"}}""")).contains("event_time");
        assertThat(rejected(Feed.POLICE, """
                {"incident_id":"CR","occurred_at":"2025-01-01T00:00:00Z","opening_category":"Robbery",
                 "location":{"lon":-300,"lat":51.4}}""")).contains("lon");
    }
}
