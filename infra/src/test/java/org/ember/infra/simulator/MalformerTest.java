package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.NavigatorEvent;
import org.ember.model.feeds.PoliceIncident;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way of breaking a record, on every feed it applies to, must be dead-lettered by ingest. */
class MalformerTest {
    private static final FeedParser PARSER = SimulatorFixtures.parser();
    private static final Instant SATURDAY_NIGHT = Instant.parse("2025-01-11T23:40:00Z");
    private static final Instant SUNDAY_EARLY = Instant.parse("2025-01-12T01:05:00Z");
    private static final GeoLocation QUEEN_STREET_CARDIFF = GeoLocation.wgs84(-3.1755, 51.4817);

    /** A valid record of a feed, with the location given in the form the feed usually uses. */
    static Object validRecord(Feed feed) {
        return switch (feed) {
            case POLICE -> new PoliceIncident("3f2a", 1, "active", SATURDAY_NIGHT, "Violence and sexual offences", null,
                    true, false, new GeoLocation(-3.1755, 51.4817, null, null, "W01001908", null));
            case AMBULANCE -> new AmbulanceCallout("WAST-202501-000001", 1, "active", SATURDAY_NIGHT, "AMPDS", "27", 1,
                    "18-24", "male", true, GeoLocation.britishNationalGrid(318500, 176300));
            case AE -> new AeAttendance("7A4BV-202501-00001", 1, "active", SUNDAY_EARLY, SATURDAY_NIGHT, "knife_sharp",
                    "street", "On or near Queen Street", "7A4BV", "18-24", GeoLocation.lsoa("W01001908"));
            case NAVIGATOR -> new NavigatorEvent("NAVEVT-202501-00001", 1, "active", SUNDAY_EARLY, "referral",
                    "NAV-2025010001", "7A4BV", null, "15-17", GeoLocation.lsoa("W01001908"));
            case INTEL -> new IntelReport("INTEL-202501-0001", 1, "active", SUNDAY_EARLY, "potential", "high",
                    "Youth worker hears talk of a planned fight.", QUEEN_STREET_CARDIFF);
        };
    }

    static Stream<Arguments> feedsAndKinds() {
        List<Arguments> cases = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            for (MalformedKind kind : MalformedKind.applicableTo(feed)) {
                for (long seed = 1; seed <= 6; seed++) { // several seeds: MISSING_REQUIRED_FIELD picks its field at random
                    cases.add(Arguments.of(feed, kind, seed));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("feedsAndKinds")
    void everyBrokenRecordIsRejectedWhileTheOriginalIsAccepted(Feed feed, MalformedKind kind, long seed) {
        Object record = validRecord(feed);

        byte[] broken = Malformer.breakRecord(feed, record, kind, new SplittableRandom(seed));

        assertThat(PARSER.parse(feed, Json.toBytes(record))).isInstanceOf(ParseOutcome.Accepted.class);
        assertThat(PARSER.parse(feed, broken)).as(new String(broken, java.nio.charset.StandardCharsets.UTF_8))
                .isInstanceOf(ParseOutcome.Rejected.class);
    }

    @Test
    void onlyAeRecordsCanHaveTheirAssaultAfterArrival() {
        for (Feed feed : Feed.values()) {
            assertThat(MalformedKind.applicableTo(feed).contains(MalformedKind.ASSAULT_AFTER_ARRIVAL)).isEqualTo(feed == Feed.AE);
            assertThat(MalformedKind.applicableTo(feed)).contains(MalformedKind.NOT_JSON, MalformedKind.MISSING_REQUIRED_FIELD,
                    MalformedKind.WRONG_TYPE, MalformedKind.COORDINATES_OUT_OF_RANGE);
        }
    }
}
