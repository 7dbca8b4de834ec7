package org.ember.jobs.interventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.grid.GridCell;
import org.ember.jobs.EmberJob;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.feeds.GeoLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * feed.interventions through the whole job: good records reach ember.interventions, bad ones and
 * overlapping duplicates the dead letters with their reasons, and no intervention ever counts.
 */
class InterventionStageMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static String cell(GeoLocation at) {
        ProjectedPoint p = BritishNationalGrid.fromWgs84(at.lon(), at.lat());
        return GridCell.containing(p.x(), p.y(), 250).id();
    }

    private static long offset;

    private static RawFeedRecord intervention(String json) {
        return new RawFeedRecord(Topics.INTERVENTIONS_FEED, 0, offset++, FRIDAY_22H.toEpochMilli(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String patrol(String id, String cell, String start, String end) {
        return "{\"intervention_id\":\"" + id + "\",\"type\":\"hotspot_patrol\",\"partner\":\"south-wales-police\",\"cells\":[\""
                + cell + "\"],\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"dosage\":{\"amount\":600,\"unit\":\"patrol_minutes\"}}";
    }

    @Test
    void interventionsAreCheckedPublishedAndNeverCounted() throws Exception {
        String cardiff = cell(CARDIFF_CENTRE);
        String swansea = cell(SWANSEA_CENTRE);
        BoundedJobSources feeds = new BoundedJobSources()
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.assault("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE)))
                .add(intervention(patrol("P-CDF", cardiff, "2025-03-14T20:00:00Z", "2025-03-15T04:00:00Z")))
                .add(intervention(patrol("P-SWA", swansea, "2025-03-14T20:00:00Z", "2025-03-15T04:00:00Z")))
                .add(intervention(patrol("P-SWA-again", swansea, "2025-03-14T23:00:00Z", "2025-03-15T02:00:00Z")))
                .add(intervention(patrol("P-BACKWARDS", cardiff, "2025-03-15T04:00:00Z", "2025-03-14T20:00:00Z")))
                .add(intervention(patrol("P-SEA", "250m:1:1", "2025-03-14T20:00:00Z", "2025-03-15T04:00:00Z")));
        CollectingJobSinks sinks = new CollectingJobSinks();
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);

        EmberJob.build(env, feeds, sinks, TestFeeds.settings(TestFeeds.weaponRule(2)));
        env.execute("ember-interventions-test");

        assertThat(sinks.received(InterventionStage.INTERVENTIONS)).extracting(InterventionRecord::id)
                .containsExactlyInAnyOrder("P-CDF", "P-SWA");
        List<DeadLetter> dead = sinks.deadLetters();
        assertThat(dead).extracting(DeadLetter::feed).containsOnly("interventions");
        assertThat(dead).extracting(DeadLetter::reason).hasSize(3)
                .anyMatch(r -> r.contains("overlapping duplicate of P-SWA"))
                .anyMatch(r -> r.contains("is not after start"))
                .anyMatch(r -> r.contains("unknown cells") && r.contains("250m:1:1"));

        // Counts exist per LSOA and LAD: only Cardiff's assault is there, the Swansea patrol made none.
        List<AreaCounts> lads = sinks.hotspots().stream().filter(c -> "lad".equals(c.layer())).toList();
        assertThat(lads).isNotEmpty().extracting(AreaCounts::areaId).containsOnly("W06000015");
        assertThat(lads.stream().mapToLong(c -> c.count("24h", "any", "any")).max()).hasValue(1);
        assertThat(sinks.hotspots().stream().filter(c -> "lsoa".equals(c.layer())).mapToLong(c -> c.count("24h", "any", "any")).sum())
                .as("one report, counted once per LSOA update").isPositive();
    }
}
