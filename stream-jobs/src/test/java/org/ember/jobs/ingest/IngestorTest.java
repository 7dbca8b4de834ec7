package org.ember.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.LONDON;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.model.codec.Json;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.ingest.FeedParser;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IngestorTest {
    private static Ingestor ingestor;

    @BeforeAll
    static void realBoundaries() {
        ingestor = new Ingestor(new FeedParser(Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY)),
                new AreaPlacer(AreaCatalogue.load(TestFeeds.dataDir(), org.ember.jobs.testing.TestFeeds.coverage()), 250));
    }

    private static IngestResult ingest(Feed feed, Object record) {
        return ingestor.ingest(feed, Json.toBytes(record));
    }

    private static IngestResult ingest(Feed feed, String text) {
        return ingestor.ingest(feed, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKnifeCrimeInCardiffIsPlacedInItsLsoaLocalAuthorityAndCell() {
        Incident incident = ingest(Feed.POLICE, TestFeeds.knifeCrime("CR-1", FRIDAY_22H, CARDIFF_CENTRE)).incident();
        assertThat(incident.lad()).isEqualTo("W06000015");
        assertThat(incident.lsoa()).startsWith("W01");
        assertThat(incident.cell()).startsWith("250m:");
        assertThat(incident.category()).isEqualTo("violence");
        assertThat(incident.weapon()).isTrue();
        assertThat(incident.eventTime()).isEqualTo(FRIDAY_22H.toEpochMilli());
    }

    @Test
    void anAeAttendanceCountsAtTheAssaultTimeNotTheArrival() {
        Incident incident = ingest(Feed.AE,
                TestFeeds.knifeAttendance("AE-1", FRIDAY_22H, Duration.ofHours(3), CARDIFF_CENTRE)).incident();
        assertThat(incident.eventTime()).isEqualTo(FRIDAY_22H.toEpochMilli());
        assertThat(incident.reportedTime()).isEqualTo(FRIDAY_22H.plus(Duration.ofHours(3)).toEpochMilli());
        assertThat(incident.detail()).doesNotContain("kebab").as("free-text location is not kept");
    }

    @Test
    void aPersonReferenceIsKeptOnlyAsItsKeyedHash() {
        Incident incident = ingest(Feed.NAVIGATOR, TestFeeds.referral("NAV-EV-1", FRIDAY_22H, "NAV-000123")).incident();
        assertThat(incident.personPseudonym()).startsWith("p_").hasSize(66)
                .isEqualTo(Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY).pseudonymise("NAV-000123"));
        assertThat(Json.toText(incident)).doesNotContain("NAV-000123");
    }

    @Test
    void fieldsOutsideTheAllowListAreDropped() {
        String withExtra = "{\"incident_id\":\"CR-9\",\"occurred_at\":\"2025-03-14T22:00:00Z\","
                + "\"opening_category\":\"Robbery\",\"victim_name\":\"Jane Doe\","
                + "\"location\":{\"lon\":-3.179,\"lat\":51.479}}";
        IngestResult result = ingest(Feed.POLICE, withExtra);
        assertThat(result.isAccepted()).isTrue();
        assertThat(Json.toText(result.incident())).doesNotContain("Jane");
    }

    @Test
    void malformedJsonIsRejectedWithWhereItBroke() {
        assertThat(ingest(Feed.POLICE, "{\"incident_id\": ").rejection()).startsWith("not valid JSON").contains("line 1");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        String noTime = "{\"incident_id\":\"CR-2\",\"opening_category\":\"Robbery\",\"location\":{\"lon\":-3.179,\"lat\":51.479}}";
        assertThat(ingest(Feed.POLICE, noTime).rejection()).contains("feed.police contract").contains("occurred_at");
    }

    @Test
    void anOutOfRangeCategoryIsRejected() {
        String badCategory = Json.toText(TestFeeds.stabbingCallout("AMB-1", FRIDAY_22H, CARDIFF_CENTRE))
                .replace("\"response_category\":1", "\"response_category\":7");
        assertThat(ingest(Feed.AMBULANCE, badCategory).rejection()).contains("response_category");
    }

    @Test
    void anEventInLondonIsOutsideCoverage() {
        assertThat(ingest(Feed.POLICE, TestFeeds.assault("CR-3", FRIDAY_22H, LONDON)).rejection())
                .startsWith("outside coverage");
    }

    @Test
    void aGridReferenceAndAnLsoaCodeArePlacedToo() {
        var grid = new org.ember.model.feeds.AmbulanceCallout("AMB-2", 1, "active", FRIDAY_22H, "AMPDS", "04", 2, "18-24",
                "female", false, GeoLocation.britishNationalGrid(318_170, 176_250));
        assertThat(ingest(Feed.AMBULANCE, grid).incident().lad()).isEqualTo("W06000015");
        assertThat(ingest(Feed.NAVIGATOR, TestFeeds.referral("NAV-EV-2", FRIDAY_22H, "NAV-9")).incident().lsoa())
                .isEqualTo("W01001694");
    }

    @Test
    void anAssaultAfterArrivalIsRejected() {
        var impossible = TestFeeds.knifeAttendance("AE-2", FRIDAY_22H, Duration.ofHours(-1), CARDIFF_CENTRE);
        assertThat(ingest(Feed.AE, impossible).rejection()).contains("after arrival_time");
    }
}
