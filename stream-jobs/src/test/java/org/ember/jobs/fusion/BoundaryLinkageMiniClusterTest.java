package org.ember.jobs.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.fusion.FusionFixtures;
import org.ember.geo.area.Placement;
import org.ember.jobs.OutputTopic;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stabbing on the Cardiff / Vale of Glamorgan boundary at Culverhouse Cross, through the whole
 * job at parallelism 2: the police place it a few metres inside the Vale, the A&E attendance gives
 * only the Cardiff LSOA across the street. Keyed by local authority they were never compared; keyed
 * by grid block they are one incident, published once.
 */
class BoundaryLinkageMiniClusterTest {
    private static final String CARDIFF = "W06000015";
    private static final String VALE = "W06000014";
    /** A small Cardiff LSOA at Culverhouse Cross whose edge is the boundary. */
    private static final String CARDIFF_LSOA = "W01001703";
    private static final GeoLocation VALE_SIDE = GeoLocation.wgs84(-3.2412, 51.4700);
    private static final Instant AT = TestFeeds.FRIDAY_22H;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void thePoliceReportInTheValeAndTheAttendanceInCardiffAreOneIncident() throws Exception {
        Placement police = FusionFixtures.place(VALE_SIDE.lon(), VALE_SIDE.lat());
        assertThat(police.lad()).as("the police point is in the Vale").isEqualTo(VALE);
        assertThat(FusionFixtures.PLACER.placeLsoa(CARDIFF_LSOA).placement().lad()).isEqualTo(CARDIFF);

        BoundedJobSources feeds = new BoundedJobSources();
        feeds.add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-VALE", AT, VALE_SIDE)));
        // Another stabbing far away in Cardiff at the same time: it must stay apart.
        feeds.add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-CENTRE", AT, TestFeeds.CARDIFF_CENTRE)));
        feeds.add(TestFeeds.raw(Feed.AE, new AeAttendance("AE-CDF", 1, "active", AT.plus(Duration.ofHours(2)),
                AT.plusSeconds(600), "knife_sharp", "street", "outside the garage", "7A4BV", "15-17",
                GeoLocation.lsoa(CARDIFF_LSOA))));

        CollectingJobSinks sinks = CollectingJobSinks.runWholeJob(feeds, TestFeeds.settings(TestFeeds.weaponRule(5)), 2,
                "boundary-linkage");

        List<LinkedIncident> changes = sinks.received(OutputTopic.LINKED_INCIDENTS);
        List<LinkedIncident> withAttendance = changes.stream()
                .filter(i -> i.sources().stream().map(LinkedSource::sourceId).anyMatch("AE-CDF"::equals)).toList();
        assertThat(withAttendance).as("the attendance is published in one incident, once").hasSize(1);
        LinkedIncident stabbing = withAttendance.get(0);
        assertThat(stabbing.change()).isEqualTo("joined");
        assertThat(stabbing.sources()).extracting(LinkedSource::sourceId).containsExactlyInAnyOrder("CR-VALE", "AE-CDF");
        assertThat(stabbing.lad()).as("placed at the police point").isEqualTo(VALE);
        assertThat(changes).filteredOn(i -> i.incidentId().equals(stabbing.incidentId()))
                .extracting(LinkedIncident::change).containsExactly("created", "joined");
        assertThat(changes).filteredOn(i -> i.sources().stream().anyMatch(s -> s.sourceId().equals("CR-CENTRE")))
                .singleElement().satisfies(i -> assertThat(i.sources()).hasSize(1));
        assertThat(changes).as("every change published by exactly one block").doesNotHaveDuplicates();
    }
}
