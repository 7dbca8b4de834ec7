package org.ember.jobs.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.fusion.AreaDelivery;
import org.ember.fusion.FusionFixtures;
import org.ember.geo.area.Placement;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.jobs.JobSettings;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The area router: an incident founded in Cardiff that moves into the Vale corner of the boundary
 * cell at Culverhouse Cross goes to the Vale, and to Cardiff as a halo; when a correction takes it
 * away, Cardiff gets it withdrawn; the router forgets it once the analytics would have.
 */
class AreaRouteFunctionHarnessTest {
    private static final long T = FusionFixtures.FRIDAY_22H.toEpochMilli();
    private final JobSettings settings = TestFeeds.settings(TestFeeds.weaponRule(2));
    private KeyedOneInputStreamOperatorTestHarness<String, LinkedIncident, AreaDelivery> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AreaRouteFunction(settings),
                LinkedIncident::incidentId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<AreaDelivery> send(LinkedIncident incident, long arrival) throws Exception {
        harness.getOutput().clear();
        harness.processElement(incident, arrival);
        harness.processWatermark(arrival);
        return harness.extractOutputValues();
    }

    private static LinkedIncident version(int revision, Placement where) {
        return FusionFixtures.incident("LI-ae:1", revision, revision == 1 ? "created" : "joined", false,
                FusionFixtures.FRIDAY_22H, where, List.of("ae", "police"), true, 0, "15-17");
    }

    @Test
    void anIncidentIsRoutedToItsAuthorityAsAHaloToItsNeighboursAndWithdrawnWhenItMovesAway() throws Exception {
        Placement lsoaOnly = FusionFixtures.PLACER.placeLsoa("W01001703").placement();
        LonLat corner = BritishNationalGrid.toWgs84(1255 * 250 + 0.55 * 250, 701 * 250 + 0.15 * 250);
        Placement valeCorner = FusionFixtures.place(corner.lon(), corner.lat());
        Placement barry = FusionFixtures.place(-3.2700, 51.4050);

        assertThat(send(version(1, lsoaOnly), T + 60_000)).extracting(AreaDelivery::lad, AreaDelivery::halo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W06000015", false));
        assertThat(send(version(2, valeCorner), T + 120_000)).extracting(AreaDelivery::lad, AreaDelivery::halo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("W06000014", false),
                        org.assertj.core.groups.Tuple.tuple("W06000015", true));
        List<AreaDelivery> moved = send(version(3, barry), T + 180_000);
        assertThat(moved).extracting(AreaDelivery::lad).containsExactly("W06000014", "W06000015");
        assertThat(moved.get(1).incident().cancelled()).as("withdrawn from Cardiff").isTrue();

        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(T + settings.fusion().hotspots().retention().plus(Duration.ofHours(2)).toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
