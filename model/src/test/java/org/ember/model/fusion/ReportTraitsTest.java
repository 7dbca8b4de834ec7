package org.ember.model.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.NavigatorEvent;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.ember.model.ingest.ReportedEvent;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.Test;

/** The traits are read back from the detail lines the parser writes: parse real records, then read. */
class ReportTraitsTest {
    private static final FeedParser PARSER = new FeedParser(Pseudonymiser.withKey("test-key-0123456789abcdef"));
    private static final Instant AT = Instant.parse("2025-03-14T22:05:00Z");
    private static final GeoLocation CARDIFF = GeoLocation.wgs84(-3.179, 51.479);

    private static ReportTraits traits(Feed feed, Object record) {
        ReportedEvent event = ((ParseOutcome.Accepted) PARSER.parse(feed, Json.toBytes(record))).event();
        return ReportTraits.of(feed.code(), event.detail());
    }

    @Test
    void aCategoryOneStabCallOutIsPenetratingAndAnAssaultCallIsNot() {
        ReportTraits stab = traits(Feed.AMBULANCE,
                new AmbulanceCallout("A1", 1, "active", AT, "AMPDS", "27", 1, "15-17", "male", true, CARDIFF));
        assertThat(stab.responseCategory()).isEqualTo(1);
        assertThat(stab.penetrating()).isTrue();
        ReportTraits assault = traits(Feed.AMBULANCE,
                new AmbulanceCallout("A2", 1, "active", AT, "AMPDS", "04", 3, "25-34", "female", false, CARDIFF));
        assertThat(assault.responseCategory()).isEqualTo(3);
        assertThat(assault.penetrating()).isFalse();
    }

    @Test
    void aeMethodIntelGradingAndNavigatorRiskAreReadBack() {
        assertThat(traits(Feed.AE, new AeAttendance("E1", 1, "active", AT.plusSeconds(3600), AT, "knife_sharp", "street",
                "near the shop", "7A4BV", "15-17", CARDIFF)).assaultMethod()).isEqualTo("knife_sharp");
        ReportTraits intel = traits(Feed.INTEL, new IntelReport("I1", 1, "active", AT, "evidenced", "High",
                "Rumours of a planned fight, (with commas)", CARDIFF));
        assertThat(intel.grading()).isEqualTo("evidenced");
        assertThat(intel.tensionLevel()).isEqualTo("high");
        ReportTraits navigator = traits(Feed.NAVIGATOR, new NavigatorEvent("N1", 1, "active", AT, "risk_assessment", "P-1",
                "7A4BV", "high", "15-17", CARDIFF));
        assertThat(navigator.navigatorEvent()).isEqualTo("risk_assessment");
        assertThat(navigator.navigatorRisk()).isEqualTo("high");
        assertThat(ReportTraits.of("police", "police: Violence with injury").responseCategory()).isZero();
    }
}
