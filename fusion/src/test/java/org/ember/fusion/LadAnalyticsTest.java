package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.fusion.FusionFixtures.CARDIFF;
import static org.ember.fusion.FusionFixtures.FRIDAY_22H;
import static org.ember.fusion.FusionFixtures.SWANSEA;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.risk.RivalryLink;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.FusionMetricFamilies;
import org.junit.jupiter.api.Test;

class LadAnalyticsTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private final Placement centre = FusionFixtures.cardiffCentre();

    /** Every risk signal a linked incident sends, delivered to the drivers of the authorities they target. */
    private static void deliver(LinkedIncident incident, FusionSettings settings, LadDriver... drivers) {
        for (FusionSignal s : RiskReach.signals(incident, settings.risk(), FusionFixtures.SHAPES)) {
            for (LadDriver d : drivers) {
                if (d.lad.equals(s.targetLad())) {
                    d.signal(s);
                }
            }
        }
    }

    private static List<Placement> randomCardiffPlaces(Random random, int n) {
        List<Placement> out = new ArrayList<>();
        while (out.size() < n) {
            var placed = FusionFixtures.PLACER.placeLonLat(-3.26 + 0.14 * random.nextDouble(), 51.46 + 0.06 * random.nextDouble());
            if (placed.placed() && CARDIFF.equals(placed.placement().lad())) {
                out.add(placed.placement());
            }
        }
        return out;
    }

    @Test
    void aStabbingRaisesTensionAtOnceSaysWhyAndFadesAfterFourteenDays() {
        LadDriver cardiff = new LadDriver(CARDIFF, FusionSettings.defaults());
        LinkedIncident stabbing = FusionFixtures.stabbing("LI-police:CR-1", FRIDAY_22H, centre);
        cardiff.incident(stabbing);
        deliver(stabbing, FusionSettings.defaults(), cardiff);

        TensionUpdate lsoa = cardiff.out.tension.stream().filter(t -> t.areaId().equals(centre.lsoa())).findFirst()
                .orElseThrow();
        // weapon 1 + category 1 stab 1 + young victim 0.5 = 2.5, capped at 2; near-repeat weight 2 → 4 points;
        // reported by two agencies: 0.25 more.
        assertThat(lsoa.score()).isEqualTo(4.25);
        assertThat(lsoa.level()).isEqualTo("high");
        assertThat(lsoa.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli());
        assertThat(lsoa.contributions()).extracting(TensionContribution::signal).containsExactly("near_repeat", "multi_agency");
        assertThat(lsoa.contributions().get(1).evidence()).containsExactly("LI-police:CR-1");
        assertThat(lsoa.contributions().get(0)).satisfies(c -> {
            assertThat(c.signal()).isEqualTo("near_repeat");
            assertThat(c.weight()).isEqualTo(2.0);
            assertThat(c.evidence()).containsExactly("LI-police:CR-1");
            assertThat(c.detail()).contains("weapon", "cat1 penetrating", "young victim");
        });
        assertThat(cardiff.out.tension).anySatisfy(t -> assertThat(t.layer() + ":" + t.areaId()).isEqualTo("lad:" + CARDIFF));
        AreaMetrics metrics = cardiff.out.metrics.stream().filter(m -> m.areaId().equals(centre.lsoa())).findFirst()
                .orElseThrow();
        assertThat(metrics.source()).isEqualTo("fusion");
        assertThat(metrics.values()).containsEntry("near_repeat_risk", 2.0).containsEntry("tension_level", 2.0);

        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 15 * DAY);
        TensionUpdate last = cardiff.out.tension.stream().filter(t -> t.areaId().equals(centre.lsoa()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.score()).isZero();
        assertThat(last.level()).isEqualTo("low");
        assertThat(last.previousLevel()).isNotNull();
    }

    @Test
    void aRivalAreaInAnotherAuthorityCarriesItsShareAndIntelligenceCanLowerTension() {
        Placement swansea = FusionFixtures.swanseaCentre();
        FusionSettings settings = FusionSettings.defaults().withRisk(FusionSettings.defaults().risk()
                .withRivalries(List.of(new RivalryLink(centre.lsoa(), swansea.lsoa(), 0.5))));
        LadDriver cardiff = new LadDriver(CARDIFF, settings);
        LadDriver swanseaLad = new LadDriver(SWANSEA, settings);
        LinkedIncident stabbing = FusionFixtures.stabbing("LI-police:CR-1", FRIDAY_22H, centre);
        cardiff.incident(stabbing);
        deliver(stabbing, settings, cardiff, swanseaLad);

        TensionUpdate rival = swanseaLad.out.tension.stream().filter(t -> t.areaId().equals(swansea.lsoa())).findFirst()
                .orElseThrow();
        assertThat(rival.level()).isEqualTo("elevated");
        assertThat(rival.contributions()).singleElement().satisfies(c -> {
            assertThat(c.signal()).isEqualTo("rivalry");
            assertThat(c.value()).isEqualTo(1.0);
            assertThat(c.evidence()).containsExactly("LI-police:CR-1");
        });

        double before = cardiff.out.tension.stream().filter(t -> t.areaId().equals(centre.lsoa())).reduce((a, b) -> b)
                .orElseThrow().score();
        cardiff.signal(FusionFixtures.intel("IR-1", FRIDAY_22H.plus(Duration.ofHours(2)), centre,
                settings.risk().intelValue("low", "evidenced")));
        TensionUpdate calmer = cardiff.out.tension.stream().filter(t -> t.areaId().equals(centre.lsoa()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(calmer.score()).isLessThan(before);
        assertThat(calmer.contributions()).extracting(TensionContribution::signal).contains("intel");

        // The stabbing is cancelled: both authorities drop its risk.
        LinkedIncident cancelled = FusionFixtures.incident("LI-police:CR-1", 3, "cancelled", true, FRIDAY_22H, centre,
                List.of("ambulance", "police"), true, 1, "15-17");
        cardiff.incident(cancelled);
        deliver(cancelled, settings, cardiff, swanseaLad);
        assertThat(swanseaLad.state.signals().isEmpty()).isTrue();
        assertThat(swanseaLad.out.tension.get(swanseaLad.out.tension.size() - 1).score()).isZero();
    }

    @Test
    void aPlantedClusterIsClusteredAndHotAndCancellingAMemberUpdatesEverythingItFed() {
        LadDriver cardiff = new LadDriver(CARDIFF, FusionSettings.defaults());
        Random random = new Random(17);
        List<Placement> background = randomCardiffPlaces(random, 40);
        for (int i = 0; i < background.size(); i++) {
            cardiff.incident(FusionFixtures.assault("LI-bg-" + i,
                    FRIDAY_22H.minus(Duration.ofHours(1 + random.nextInt(20 * 24))), background.get(i)));
        }
        List<String> planted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Placement near = FusionFixtures.place(centre.lon() + 0.0002 * (i % 2), centre.lat() + 0.0001 * (i / 2));
            String id = "LI-planted-" + i;
            planted.add(id);
            cardiff.incident(FusionFixtures.assault(id, FRIDAY_22H.plus(Duration.ofMinutes(10 * i)), near));
        }
        HotspotUpdate cluster = cardiff.out.of(HotspotUpdate.CLUSTER_CHANGED).stream()
                .reduce((a, b) -> b).orElseThrow();
        assertThat(cluster.members()).containsExactlyInAnyOrderElementsOf(planted);
        assertThat(cluster.lat()).isBetween(51.47, 51.49);

        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 2 * HOUR);
        HotspotUpdate hotCell = cardiff.out.of(HotspotUpdate.CELL_SCORED).stream()
                .filter(c -> c.areaId().equals(centre.cell())).reduce((a, b) -> b).orElseThrow();
        assertThat(hotCell.labels()).containsEntry("hot", "true").containsEntry("bin", "3");
        assertThat(hotCell.values().get(FusionMetricFamilies.incidents("7d", "all"))).isGreaterThanOrEqualTo(4.0);
        assertThat(cardiff.out.metrics).anySatisfy(m -> {
            assertThat(m.layer()).isEqualTo("cell");
            assertThat(m.values().get(FusionMetricFamilies.windowed("gi_z", "7d"))).isGreaterThan(2.58);
        });
        String hotLsoa = hotCell.labels().get("lsoa");
        AreaMetrics lsoa = cardiff.out.metrics.stream().filter(m -> m.areaId().equals(hotLsoa))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lsoa.values().get(FusionMetricFamilies.windowed("hot_cells", "7d"))).isGreaterThanOrEqualTo(1.0);
        assertThat(lsoa.values().get("cluster_members")).isGreaterThanOrEqualTo(4.0);

        // A partner cancels the planted report at the very centre: the cluster shrinks at once and the
        // cell's count drops by one at the next hour.
        int before = cardiff.out.hotspots.size();
        cardiff.incident(FusionFixtures.incident("LI-planted-0", 2, "cancelled", true, FRIDAY_22H, centre, List.of("police"),
                false, 0, null));
        assertThat(cardiff.out.hotspots.subList(before, cardiff.out.hotspots.size()))
                .filteredOn(h -> h.type().equals(HotspotUpdate.CLUSTER_CHANGED))
                .singleElement().satisfies(c -> assertThat(c.members()).hasSize(5).doesNotContain("LI-planted-0"));
        double countBefore = hotCell.values().get(FusionMetricFamilies.incidents("7d", "all"));
        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 3 * HOUR);
        HotspotUpdate after = cardiff.out.hotspots.stream()
                .filter(c -> c.areaId().equals(centre.cell()) && c.type().equals(HotspotUpdate.CELL_SCORED))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(after.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + 3 * HOUR);
        assertThat(after.values().get(FusionMetricFamilies.incidents("7d", "all"))).isEqualTo(countBefore - 1);
    }

    @Test
    void aRestartedTaskRebuildsItsClustersFromStateAndEverythingIsClearedOnceNothingIsLive() {
        LadDriver cardiff = new LadDriver(CARDIFF, FusionSettings.defaults());
        for (int i = 0; i < 5; i++) {
            cardiff.incident(FusionFixtures.assault("LI-" + i, FRIDAY_22H.plus(Duration.ofMinutes(5 * i)), centre));
        }
        cardiff.restart();
        cardiff.incident(FusionFixtures.assault("LI-5", FRIDAY_22H.plus(Duration.ofMinutes(30)), centre));
        assertThat(cardiff.out.of(HotspotUpdate.CLUSTER_CHANGED).get(cardiff.out.of(HotspotUpdate.CLUSTER_CHANGED).size() - 1)
                .members()).hasSize(6);

        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 60 * DAY);
        assertThat(cardiff.state.isEmpty()).isTrue();
        assertThat(cardiff.pendingTimers()).isZero();
        assertThat(cardiff.out.of(HotspotUpdate.CELL_CLEARED)).extracting(HotspotUpdate::areaId).contains(centre.cell());
        assertThat(cardiff.out.of(HotspotUpdate.AREA_CLEARED)).extracting(HotspotUpdate::areaId)
                .contains(centre.lsoa(), CARDIFF);
        assertThat(cardiff.out.of(HotspotUpdate.CLUSTER_CLEARED)).isNotEmpty();
        assertThat(cardiff.out.of(HotspotUpdate.CELL_SNAPSHOT)).isNotEmpty();
    }

    @Test
    void aLateReportLandsInItsOwnWindows() {
        LadDriver cardiff = new LadDriver(CARDIFF, FusionSettings.defaults());
        cardiff.incident(FusionFixtures.assault("LI-1", FRIDAY_22H, centre));
        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 5 * HOUR);
        // Arrives when event time is 5 hours on: still counted in the 24-hour window of its area.
        cardiff.incident(FusionFixtures.incident("LI-2", 1, "created", false, FRIDAY_22H.plus(Duration.ofMinutes(30)), centre,
                List.of("ae"), false, 0, "18-24"));
        cardiff.advanceTo(FRIDAY_22H.toEpochMilli() + 6 * HOUR);
        AreaMetrics lsoa = cardiff.out.metrics.stream().filter(m -> m.areaId().equals(centre.lsoa()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lsoa.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + 6 * HOUR);
        assertThat(lsoa.values()).containsEntry(FusionMetricFamilies.incidents("24h", "all"), 2.0)
                .containsEntry(FusionMetricFamilies.incidents("24h", "health_only"), 1.0)
                .containsEntry(FusionMetricFamilies.windowed("health_only_share", "24h"), 1.0)
                .containsEntry(FusionMetricFamilies.windowed("distinct_agencies", "24h"), 2.0);
    }

    @Test
    void aDayFarAboveItsSeasonalBaselineIsExceedanceAndRaisesTension() {
        FusionSettings settings = FusionSettings.defaults().withHotspots(FusionSettings.defaults().hotspots()
                .withScan(FusionSettings.defaults().hotspots().scan().withReplications(19)));
        LadDriver cardiff = new LadDriver(CARDIFF, settings);
        Random random = new Random(23);
        List<Placement> places = randomCardiffPlaces(random, 30);
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        int n = 0;
        for (int day = 0; day < 70; day++) {
            int reports = day == 69 ? 30 : 3 + random.nextInt(3);
            for (int k = 0; k < reports; k++) {
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
                cardiff.incident(FusionFixtures.assault("LI-" + n++, at, places.get(random.nextInt(places.size()))));
            }
            cardiff.advanceTo(start.plus(Duration.ofDays(day + 1)).toEpochMilli());
        }
        String exceedance = FusionMetricFamilies.windowed("seasonal_exceedance", "24h");
        List<AreaMetrics> lad = cardiff.out.metrics.stream().filter(m -> m.areaId().equals(CARDIFF)).toList();
        assertThat(lad).filteredOn(m -> m.values().containsKey(exceedance))
                .as("the baseline predicts from eight weeks of history on").isNotEmpty()
                .allSatisfy(m -> assertThat(m.asOf()).isGreaterThanOrEqualTo(start.plus(Duration.ofDays(56)).toEpochMilli()));
        AreaMetrics last = lad.get(lad.size() - 1);
        assertThat(last.values().get(exceedance)).isGreaterThan(4.0);
        assertThat(last.values().get(FusionMetricFamilies.windowed("seasonal_observed", "24h"))).isEqualTo(30.0);
        assertThat(last.values().get(FusionMetricFamilies.windowed("seasonal_expected", "24h"))).isBetween(2.0, 8.0);
        assertThat(cardiff.out.tension.stream().filter(t -> t.areaId().equals(CARDIFF)).reduce((a, b) -> b).orElseThrow()
                .contributions()).extracting(TensionContribution::signal).contains("exceedance");
    }
}
