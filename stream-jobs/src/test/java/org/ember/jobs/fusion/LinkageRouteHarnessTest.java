package org.ember.jobs.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.fusion.FusionFixtures;
import org.ember.fusion.LinkageBlocks;
import org.ember.fusion.Reports;
import org.ember.geo.area.Placement;
import org.ember.geo.linkage.LinkageSettings;
import org.ember.jobs.JobSettings;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A police record corrected from Cardiff to Swansea: the correction goes to Swansea's blocks, and
 * the Cardiff blocks that held the first version get it withdrawn, so no incident there keeps it.
 */
class LinkageRouteHarnessTest {
    private static final long T = FusionFixtures.FRIDAY_22H.toEpochMilli();
    private final JobSettings settings = TestFeeds.settings(TestFeeds.weaponRule(2));
    private final LinkageBlocks blocks = LinkageRoute.blocks(settings);
    private KeyedOneInputStreamOperatorTestHarness<String, Incident, BlockReport> harness;
    private LinkageRoute function;

    @BeforeEach
    void open() throws Exception {
        function = new LinkageRoute(settings);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, Incident::recordKey,
                Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Incident police(int version, Placement p) {
        return new Incident("police", "CR-1", version, false, T, T, "violence", true, null, p.lon(), p.lat(), p.easting(),
                p.northing(), true, p.lsoa(), p.lad(), p.cell(), null, "police: Violence with injury");
    }

    private List<BlockReport> send(Incident incident, long arrival) throws Exception {
        harness.getOutput().clear();
        harness.processElement(incident, arrival);
        harness.processWatermark(arrival);
        return harness.extractOutputValues();
    }

    @Test
    void aCorrectionThatMovesTheReportWithdrawsItWhereItWasAndTheStateEmpties() throws Exception {
        Incident cardiff = police(1, FusionFixtures.cardiffCentre());
        Incident swansea = police(2, FusionFixtures.swanseaCentre());
        List<String> cardiffBlocks = blocks.route(Reports.of(cardiff));
        List<String> swanseaBlocks = blocks.route(Reports.of(swansea));
        assertThat(cardiffBlocks).doesNotContainAnyElementsOf(swanseaBlocks);

        assertThat(send(cardiff, T + 60_000)).extracting(BlockReport::block).containsExactlyElementsOf(cardiffBlocks);
        List<BlockReport> moved = send(swansea, T + 120_000);
        assertThat(moved).filteredOn(r -> !r.incident().cancelled()).extracting(BlockReport::block)
                .containsExactlyElementsOf(swanseaBlocks);
        assertThat(moved).filteredOn(r -> r.incident().cancelled())
                .as("withdrawn, at the new version, where the first version went")
                .allSatisfy(r -> assertThat(r.incident().version()).isEqualTo(2))
                .extracting(BlockReport::block).containsExactlyInAnyOrderElementsOf(cardiffBlocks);
        assertThat(send(cardiff, T + 180_000)).as("an older version goes where the last one went: stale there")
                .extracting(BlockReport::block).containsExactlyElementsOf(swanseaBlocks);

        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(T + LinkageSettings.defaults().retention().plus(Duration.ofHours(2)).toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }
}
