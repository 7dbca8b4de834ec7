package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.Incident;
import org.ember.model.metrics.FusionMetricFamilies;
import org.junit.jupiter.api.Test;

/** The fusion stage without Flink: what rule tests derive fusion metrics with. */
class FusionReplayTest {
    private static final long MINUTE = 60_000L;
    private static final Instant T0 = FusionFixtures.FRIDAY_22H.plusSeconds(600);
    private static final String MULTI_AGENCY = FusionMetricFamilies.incidents("24h", "multi_agency");

    private static Incident report(String feed, String id, long at, Placement p, boolean weapon, String detail) {
        return new Incident(feed, id, 1, false, at, at, "violence", weapon, "15-17", p.lon(), p.lat(), p.easting(), p.northing(),
                p.precise(), p.lsoa(), p.lad(), p.cell(), null, detail);
    }

    private static List<FusionReplay.Arrival> stabbing() {
        Placement where = FusionFixtures.cardiffCentre();
        long police = T0.toEpochMilli();
        long ambulance = police + 4 * MINUTE;
        return List.of(
                new FusionReplay.Arrival(police, report("police", "SWP-1", police, where, true, "police: Violence with injury")),
                new FusionReplay.Arrival(ambulance, report("ambulance", "WAST-1", ambulance, where, true,
                        "ambulance: AMPDS 27B01, category 1")));
    }

    private static final LinkageBlocks BLOCKS = new LinkageBlocks(FusionFixtures.PLACER.catalogue(),
            FusionSettings.defaults().linkage(), LinkageBlocks.DEFAULT_BLOCK_METRES);

    private static List<FusionReplay.Emitted> run(List<FusionReplay.Arrival> arrivals, long until) {
        return FusionReplay.run(FusionContext.of(FusionSettings.defaults(), FusionFixtures.SHAPES, null), BLOCKS, arrivals,
                until);
    }

    /** The latest value of {@code metric} published for {@code area} by {@code at}, or null. */
    private static Double latest(List<FusionReplay.Emitted> out, String area, String metric, long at) {
        return out.stream().filter(e -> e.at() <= at && e.metrics().areaId().equals(area)
                && e.metrics().values().containsKey(metric)).reduce((a, b) -> b)
                .map(e -> e.metrics().values().get(metric)).orElse(null);
    }

    @Test
    void aPoliceReportAndAnAmbulanceCallOutAtOnePlaceAreOneMultiAgencyIncidentWhenTheSecondArrives() {
        long until = T0.toEpochMilli() + 3 * 60 * MINUTE;
        List<FusionReplay.Emitted> out = run(stabbing(), until);
        String lsoa = FusionFixtures.cardiffCentre().lsoa();
        long ambulance = T0.toEpochMilli() + 4 * MINUTE;
        assertThat(out).filteredOn(e -> e.at() < ambulance)
                .noneMatch(e -> e.metrics().values().getOrDefault(MULTI_AGENCY, 0.0) > 0);
        assertThat(out).filteredOn(e -> e.at() == ambulance && e.metrics().areaId().equals(lsoa))
                .anySatisfy(e -> assertThat(e.metrics().values()).containsEntry(MULTI_AGENCY, 1.0));
        // Published at arrivals and hour boundaries only, never after the end.
        assertThat(out).allSatisfy(e -> assertThat(e.at() == T0.toEpochMilli() || e.at() == ambulance
                || e.at() % (60 * MINUTE) == 0).isTrue());
        assertThat(out).allSatisfy(e -> assertThat(e.at()).isLessThanOrEqualTo(until));
        assertThat(out).extracting(FusionReplay.Emitted::at).isSorted();
    }

    /**
     * As the job links them (BoundaryLinkageMiniClusterTest): a police report just inside the Vale of
     * Glamorgan and an A&E attendance placed only by the Cardiff LSOA across the boundary street are one
     * multi-agency incident, counted where the police point lies; linked per local authority they never met.
     */
    @Test
    void aStabbingOnTheValeSideAndAnAttendancePlacedByTheCardiffLsoaAcrossTheStreetAreOneIncident() {
        Placement vale = FusionFixtures.place(-3.2412, 51.4700);
        Placement cardiffLsoa = FusionFixtures.PLACER.placeLsoa("W01001703").placement();
        assertThat(vale.lad()).isEqualTo("W06000014");
        assertThat(cardiffLsoa.lad()).isEqualTo(FusionFixtures.CARDIFF);
        long police = T0.toEpochMilli();
        long ae = police + 10 * MINUTE;
        List<FusionReplay.Arrival> arrivals = List.of(
                new FusionReplay.Arrival(police, report("police", "CR-VALE", police, vale, true, "police: Violence with injury")),
                new FusionReplay.Arrival(ae, report("ae", "AE-CDF", ae, cardiffLsoa, true, "ae: assault, sharp object")));
        List<FusionReplay.Emitted> out = run(arrivals, police + 60 * MINUTE);
        assertThat(latest(out, vale.lsoa(), MULTI_AGENCY, ae - 1)).isIn(null, 0.0);
        assertThat(latest(out, vale.lsoa(), MULTI_AGENCY, ae)).isEqualTo(1.0);
        assertThat(latest(out, "W06000014", MULTI_AGENCY, ae)).isEqualTo(1.0);
        assertThat(latest(out, FusionFixtures.CARDIFF, MULTI_AGENCY, ae)).isIn(null, 0.0);
    }

    /**
     * Rule tests cluster across a boundary as the job does ({@link BoundaryClusterTest}): five police
     * stabbings at Culverhouse Cross within about 100 m and eight hours, two in the Vale, three in
     * Cardiff; neither side alone has the four points of a cluster, together they are one, and each
     * side counts its own members.
     */
    @Test
    void stabbingsEitherSideOfTheBoundaryAreOneClusterCountedBySide() {
        org.ember.geo.grid.GridCell cell = new org.ember.geo.grid.GridCell(250, 1255, 701);
        double[][] at = {{0.55, 0.15}, {0.35, 0.45}, {0.75, 0.30}, {0.55, 0.65}, {0.45, 0.55}};
        List<FusionReplay.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            Placement p = FusionFixtures.PLACER.placeGrid(cell.minX() + at[i][0] * 250, cell.minY() + at[i][1] * 250)
                    .placement();
            assertThat(p.lad()).isEqualTo(i % 2 == 0 && i < 4 ? "W06000014" : FusionFixtures.CARDIFF);
            long t = T0.toEpochMilli() + i * 120 * MINUTE;
            arrivals.add(new FusionReplay.Arrival(t, report("police", "CR-X" + i, t, p, true, "police: Violence with injury")));
        }
        long settled = T0.toEpochMilli() + 11 * 60 * MINUTE;
        List<FusionReplay.Emitted> out = run(arrivals, settled);
        assertThat(latest(out, FusionFixtures.CARDIFF, "cluster_members", settled)).isEqualTo(3.0);
        assertThat(latest(out, "W06000014", "cluster_members", settled)).isEqualTo(2.0);
        assertThat(latest(out, "W06000014", "clusters", settled)).isEqualTo(1.0);
    }

    @Test
    void theSameReportsInAnyListOrderGiveTheSameMetrics() {
        long until = T0.toEpochMilli() + 26 * 60 * MINUTE;
        List<FusionReplay.Arrival> reversed = new ArrayList<>(stabbing());
        Collections.reverse(reversed);
        List<FusionReplay.Emitted> first = run(stabbing(), until);
        assertThat(run(reversed, until)).isEqualTo(first);
        // A day later the incident has left the 24-hour window.
        String lsoa = FusionFixtures.cardiffCentre().lsoa();
        FusionReplay.Emitted last = first.stream().filter(e -> e.metrics().areaId().equals(lsoa)
                && e.metrics().values().containsKey(MULTI_AGENCY)).reduce((a, b) -> b).orElseThrow();
        assertThat(last.metrics().values()).containsEntry(MULTI_AGENCY, 0.0);
    }
}
