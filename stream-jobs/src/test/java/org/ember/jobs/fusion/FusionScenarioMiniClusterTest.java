package org.ember.jobs.fusion;

import org.ember.fusion.FusionFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.risk.RivalryLink;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSettings;
import org.ember.jobs.OutputTopic;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.PoliceIncident;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on Flink's MiniCluster (generic types disabled: no Kryo anywhere) replaying a
 * known scenario on top of a week of real police.uk background in Cardiff: a planted cluster, a
 * stabbing reported by police, ambulance and (late) A&E, a retaliation in a rival Swansea
 * neighbourhood the next evening, community intelligence, and partner cancellations.
 */
class FusionScenarioMiniClusterTest {
    private static final Instant WEEK_START = Instant.parse("2025-03-07T00:00:00Z");
    private static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    private static final GeoLocation CENTRE = GeoLocation.wgs84(-3.1790, 51.4790);
    private static final GeoLocation SWANSEA = GeoLocation.wgs84(-3.9390, 51.6200);
    /** Cathays, north of the centre: where eight assaults are planted on Friday evening. */
    private static final double PLANT_LON = -3.1800;
    private static final double PLANT_LAT = 51.4890;
    private static final GeoLocation ROATH = GeoLocation.wgs84(-3.1650, 51.4900);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static CollectingJobSinks sinks;
    private static Placement centre;
    private static Placement swansea;
    private static Placement planted;
    private static int background;

    @BeforeAll
    static void runScenario() throws Exception {
        centre = FusionFixtures.place(CENTRE.lon(), CENTRE.lat());
        swansea = FusionFixtures.place(SWANSEA.lon(), SWANSEA.lat());
        planted = FusionFixtures.place(PLANT_LON, PLANT_LAT);
        BoundedJobSources feeds = new BoundedJobSources();

        List<PoliceIncident> police = new java.util.ArrayList<>(PoliceUkBackground.incidents(
                PoliceUkBackground.rows(TestFeeds.dataDir(), "south-wales", "2025-03",
                        r -> r.lsoaName().startsWith("Cardiff") && Math.floorMod(r.crimeId().hashCode(), 4) == 0),
                WEEK_START, 7, 42));
        background = police.size();
        for (int i = 0; i < 8; i++) {
            police.add(new PoliceIncident("PL-" + i, 1, "active", FRIDAY_22H.minus(Duration.ofMinutes(240 - 25 * i)),
                    "Violence without injury", null, false, false,
                    GeoLocation.wgs84(PLANT_LON + 0.0004 * (i % 3), PLANT_LAT + 0.0003 * (i / 3))));
        }
        police.add(TestFeeds.knifeCrime("CR-STAB", FRIDAY_22H.plusSeconds(300), CENTRE));
        police.add(new PoliceIncident("CR-GONE", 1, "active", FRIDAY_22H.minus(Duration.ofHours(1)), "Violence without injury",
                null, false, false, ROATH));
        police.add(new PoliceIncident("CR-GONE", 2, "cancelled", FRIDAY_22H.minus(Duration.ofHours(1)),
                "Violence without injury", null, false, false, ROATH));
        police.add(TestFeeds.knifeCrime("CR-RETAL", FRIDAY_22H.plus(Duration.ofHours(22)), SWANSEA));
        police.sort(Comparator.comparing(PoliceIncident::occurredAt));
        police.forEach(p -> feeds.add(TestFeeds.raw(Feed.POLICE, p)));

        feeds.add(TestFeeds.raw(Feed.AMBULANCE, new AmbulanceCallout("AMB-GONE", 1, "active",
                FRIDAY_22H.minus(Duration.ofMinutes(55)), "AMPDS", "04", 3, "25-34", "female", false, ROATH)));
        feeds.add(TestFeeds.raw(Feed.AMBULANCE, new AmbulanceCallout("AMB-STAB", 1, "active", FRIDAY_22H.plusSeconds(540),
                "AMPDS", "27", 1, "15-17", "male", true, CENTRE)));
        feeds.add(TestFeeds.raw(Feed.INTEL, new IntelReport("IR-1", 1, "active", FRIDAY_22H.plus(Duration.ofHours(11)),
                "evidenced", "high", "Talk of payback for last night", SWANSEA)));
        // The A&E attendance of the stabbing: placed only by its LSOA, arriving five hours after the assault.
        feeds.add(TestFeeds.raw(Feed.AE, new AeAttendance("AE-STAB", 1, "active", FRIDAY_22H.plus(Duration.ofHours(5)),
                FRIDAY_22H.plusSeconds(300), "knife_sharp", "street", "outside the kebab shop", "7A4BV", "15-17",
                GeoLocation.lsoa(centre.lsoa()))));

        FusionSettings fusion = FusionSettings.defaults()
                .withRisk(FusionSettings.defaults().risk().withRivalries(
                        List.of(new RivalryLink(centre.lsoa(), swansea.lsoa(), 0.5))))
                .withHotspots(FusionSettings.defaults().hotspots()
                        .withScan(FusionSettings.defaults().hotspots().scan().withReplications(199)));
        JobSettings settings = TestFeeds.settings(TestFeeds.rules("""
                groups:
                  - name: test
                    rules:
                      - name: high-tension
                        areas: {layer: lsoa}
                        when: tension_level >= 2
                        severity: warning
                        annotations:
                          summary: "tension {{ .value }} in {{ .area_name }}"
                """)).withFusion(fusion);

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        sinks = new CollectingJobSinks();
        EmberJob.build(env, feeds, sinks, settings);
        env.execute("fusion-scenario");
    }

    /** The latest revision of every linked incident. */
    private static Map<String, LinkedIncident> latestIncidents() {
        return sinks.received(OutputTopic.LINKED_INCIDENTS).stream().collect(Collectors.toMap(LinkedIncident::incidentId,
                Function.identity(), (a, b) -> a.revision() >= b.revision() ? a : b, LinkedHashMap::new));
    }

    private static LinkedIncident incidentWith(String sourceId) {
        return latestIncidents().values().stream()
                .filter(i -> i.sources().stream().map(LinkedSource::sourceId).anyMatch(sourceId::equals))
                .findFirst().orElseThrow(() -> new AssertionError("no linked incident holds " + sourceId));
    }

    private static List<TensionUpdate> tension(String lsoa) {
        return sinks.received(OutputTopic.TENSION).stream().filter(t -> t.areaId().equals(lsoa)).toList();
    }

    private static boolean cites(TensionUpdate t, String signal, String incidentId) {
        return t.contributions().stream().anyMatch(c -> c.signal().equals(signal) && c.evidence().contains(incidentId));
    }

    @Test
    void theStabbingIsOneIncidentFromThreeAgenciesTheLateAttendanceIncluded() {
        LinkedIncident stabbing = incidentWith("CR-STAB");
        assertThat(background).isGreaterThan(300);
        assertThat(stabbing.feeds()).containsExactly("ae", "ambulance", "police");
        assertThat(stabbing.sources()).extracting(LinkedSource::sourceId)
                .containsExactlyInAnyOrder("CR-STAB", "AMB-STAB", "AE-STAB");
        assertThat(stabbing.responseCategory()).isEqualTo(1);
        assertThat(stabbing.cancelled()).isFalse();
        assertThat(stabbing.confidence()).isBetween(0.25, 1.0);
        assertThat(sinks.received(OutputTopic.LINKED_INCIDENTS)).filteredOn(i -> i.incidentId().equals(stabbing.incidentId()))
                .extracting(LinkedIncident::change).contains("joined");
    }

    @Test
    void cancelledPoliceRecordsChangeTheIncidentsTheyFed() {
        LinkedIncident gone = incidentWith("AMB-GONE");
        assertThat(gone.healthOnly()).as("police withdrew their record: only health knows of the assault").isTrue();
        assertThat(gone.feeds()).containsExactly("ambulance");
        assertThat(latestIncidents().values()).noneMatch(i -> !i.cancelled()
                && i.sources().stream().anyMatch(s -> s.sourceId().equals("CR-GONE")));
        assertThat(sinks.received(OutputTopic.HOTSPOT_UPDATES))
                .filteredOn(h -> h.type().equals(HotspotUpdate.AREA_SCORED) && h.areaId().equals(gone.lsoa()))
                .anySatisfy(h -> assertThat(h.values().get("health_only_share{window=24h}")).isEqualTo(1.0));
        LinkedIncident voided = latestIncidents().values().stream()
                .filter(i -> i.sources().stream().anyMatch(s -> s.sourceId().equals("CR-GONE"))).findFirst().orElse(null);
        assertThat(voided == null || voided.cancelled() || !voided.reportedBy("police"))
                .as("no live incident still counts the cancelled police record").isTrue();
    }

    @Test
    void thePlantedClusterIsAClusterAHotCellAndAScanClusterWithALongRecurrenceInterval() {
        List<HotspotUpdate> hotspots = sinks.received(OutputTopic.HOTSPOT_UPDATES);
        assertThat(hotspots).filteredOn(h -> h.type().equals(HotspotUpdate.CLUSTER_CHANGED))
                .anySatisfy(c -> assertThat(c.members().stream().filter(m -> m.startsWith("LI-police:PL-")).count())
                        .isGreaterThanOrEqualTo(6));
        assertThat(hotspots).filteredOn(h -> h.type().equals(HotspotUpdate.CELL_SCORED) && h.areaId().equals(planted.cell()))
                .anySatisfy(c -> assertThat(c.labels()).containsEntry("hot", "true"));
        HotspotUpdate scan = hotspots.stream()
                .filter(h -> h.type().equals(HotspotUpdate.SCAN_CLUSTER) && h.labels().get("end").equals("2025-03-14"))
                .filter(h -> h.members().contains(planted.lsoa()))
                .findFirst().orElseThrow(() -> new AssertionError("no scan cluster over the planted LSOA"));
        assertThat(scan.values().get("scan_recurrence_days")).isGreaterThanOrEqualTo(100);
        assertThat(scan.values().get("observed")).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theStabbingRaisesTensionAroundItAndInTheRivalAreaAndTheRetaliationRaisesItBack() {
        String stab = incidentWith("CR-STAB").incidentId();
        String retaliation = incidentWith("CR-RETAL").incidentId();
        assertThat(tension(centre.lsoa())).anySatisfy(t -> {
            assertThat(cites(t, "near_repeat", stab)).isTrue();
            assertThat(t.levelIndex()).isGreaterThanOrEqualTo(2);
        });
        assertThat(tension(swansea.lsoa())).as("retaliation risk carried to the rival area before anything happens there")
                .anySatisfy(t -> assertThat(cites(t, "rivalry", stab)).isTrue());
        assertThat(tension(swansea.lsoa())).anySatisfy(t -> assertThat(t.contributions())
                .extracting(TensionContribution::signal).contains("intel"));
        assertThat(tension(centre.lsoa())).as("after the retaliation both the stabbing and the reply explain it")
                .anySatisfy(t -> {
                    assertThat(cites(t, "near_repeat", stab)).isTrue();
                    assertThat(cites(t, "rivalry", retaliation)).isTrue();
                });
        assertThat(tension(centre.lsoa()).get(tension(centre.lsoa()).size() - 1).score())
                .as("everything fades: the last word is calm").isZero();
    }

    @Test
    void fusionMetricsReachTheRules() {
        assertThat(sinks.alerts()).filteredOn(a -> Alert.FIRING.equals(a.state()))
                .anySatisfy(a -> {
                    assertThat(a.rule()).isEqualTo("high-tension");
                    assertThat(a.lad()).isEqualTo("W06000015");
                });
    }
}
