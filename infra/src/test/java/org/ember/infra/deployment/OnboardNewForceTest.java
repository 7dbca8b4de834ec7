package org.ember.infra.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.knifeCrime;
import static org.ember.jobs.testing.TestFeeds.raw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ember.deployment.Deployment;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.area.Placement;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleSet;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.RoutePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VRU Ember does not ship, onboarded as docs/deployment.md says, with nothing but files written
 * here: Merseyside's English LSOAs (2011 GeoJSON under a folder of its own), LA names from the GB
 * TopoJSON, two spokes of its own with their people. A few records are placed, counted, alerted
 * and routed to the spoke's duty officer; no Java knows Merseyside.
 */
class OnboardNewForceTest {
    /** Liverpool One and Birkenhead Hamilton Square. */
    static final GeoLocation LIVERPOOL_ONE = GeoLocation.wgs84(-2.9870, 53.4030);
    static final GeoLocation BIRKENHEAD = GeoLocation.wgs84(-3.0140, 53.3930);
    static final Instant SATURDAY_22H = Instant.parse("2025-03-15T22:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anUnshippedForceIsPlacedCountedAlertedAndRoutedToItsSpokeOfficer() throws Exception {
        Deployment d = Deployment.load(writeDeployment(), TestFeeds.dataDir(), Map.of());
        assertThat(d.spokes()).hasSize(2);

        // Placed: in an LSOA of Liverpool, from the force's own boundary folder.
        AreaPlacer placer = new AreaPlacer(AreaCatalogue.load(d.dataDir(), d.coverage()), DeploymentJobs.CELL_SIZE_METRES);
        AreaPlacer.Result result = placer.placeLonLat(LIVERPOOL_ONE.lon(), LIVERPOOL_ONE.lat());
        assertThat(result.placed()).as(result.failure()).isTrue();
        Placement placed = result.placement();
        assertThat(placed.lad()).isEqualTo("E08000012");
        assertThat(AreaCatalogue.load(d.dataDir(), d.coverage()).ladName("E08000012")).isEqualTo("Liverpool");

        // Counted and alerted: three knife crimes in Liverpool One within the hour, one in Birkenhead.
        RuleSet rules = DeploymentJobs.rules(d);
        JobSettings settings = DeploymentJobs.settings(d, Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY), rules,
                Duration.ofSeconds(1), null, null);
        List<RawFeedRecord> police = List.of(
                raw(Feed.POLICE, knifeCrime("mp-1", SATURDAY_22H.plusSeconds(300), LIVERPOOL_ONE)),
                raw(Feed.POLICE, knifeCrime("mp-2", SATURDAY_22H.plusSeconds(900), LIVERPOOL_ONE)),
                raw(Feed.POLICE, knifeCrime("mp-3", SATURDAY_22H.plusSeconds(1800), LIVERPOOL_ONE)),
                raw(Feed.POLICE, knifeCrime("mp-4", SATURDAY_22H.plusSeconds(1900), BIRKENHEAD)));
        EmberJobRunner.BoundedRun run = EmberJobRunner.runBounded(settings, Map.of(Feed.POLICE.topic(), police), 1, null,
                n -> { });
        assertThat(run.deadLetterReasons()).isEmpty();
        List<Alert> firing = run.alerts().stream().filter(a -> Alert.FIRING.equals(a.state())).toList();
        assertThat(firing).extracting(Alert::rule).containsOnly("knives-in-neighbourhood");
        Alert alert = firing.get(0);
        assertThat(alert.lad()).isEqualTo("E08000012");
        assertThat(alert.areaId()).isEqualTo(placed.lsoa());
        assertThat(alert.value()).isGreaterThanOrEqualTo(3);

        // Routed: to the Liverpool spoke, whose duty officer that Saturday night is told first.
        RoutePlan plan = RoutePlan.of(AlertRouting.load(d.routing()), alert.labels(), SATURDAY_22H.plusSeconds(3600));
        assertThat(plan.receivers()).containsExactly("liverpool");
        assertThat(plan.matches().get(0).steps().get(0).who()).containsExactly("ada.okoro");
    }

    private Path writeDeployment() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("routing"));
        Files.writeString(dir.resolve("deployment.yaml"), """
                name: merseyside
                title: Merseyside Violence Reduction Partnership
                cap_sender: ember@merseyside-vrp.example
                public_url: https://ember.merseyside-vrp.example
                hub: {name: VRP hub, receiver: hub}
                spokes:
                  - {id: liverpool, name: Liverpool, lads: [E08000012], receiver: liverpool}
                  - {id: wirral, name: Wirral, lads: [E08000015], receiver: wirral}
                boundaries:
                  lsoa: {files: "boundaries/merseyside_lsoa11_by_lad/{lad}.json"}
                  la: {file: boundaries/gb_lad_topo.json}
                  lsoa_lookup: lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz
                simulator:
                  police: [merseyside]
                  ambulance_service: NWAS
                  emergency_departments:
                    - {code: X1, name: Royal Liverpool University Hospital, lon: -2.9660, lat: 53.4100}
                rules: rules
                routing: routing
                """);
        Files.writeString(dir.resolve("rules/knives.yaml"), """
                groups:
                  - name: knives
                    rules:
                      - name: knives-in-neighbourhood
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=police,category=weapon} >= 3
                        severity: warning
                        annotations:
                          summary: "{{ .value }} knife crimes in {{ .area_name }}"
                """);
        Files.writeString(dir.resolve("routing/routes.yaml"), """
                route:
                  receiver: hub
                  group_by: [lad]
                  routes:
                    - {matchers: ['lad="E08000012"'], receiver: liverpool}
                    - {matchers: ['lad="E08000015"'], receiver: wirral}
                receivers:
                  - {name: hub, escalation: hub}
                  - {name: liverpool, escalation: liverpool}
                  - {name: wirral, escalation: wirral}
                """);
        Files.writeString(dir.resolve("routing/oncall.yaml"), """
                timezone: Europe/London
                hub: hub
                people:
                  - {id: sam.hub, name: Sam Hub, email: sam@hub.vrp.example}
                  - {id: ada.okoro, name: Ada Okoro, email: ada.okoro@liverpool.vrp.example}
                  - {id: ben.lee, name: Ben Lee, email: ben.lee@wirral.vrp.example}
                teams:
                  - {id: hub, name: Hub, email: duty@hub.vrp.example, schedule: hub-duty}
                  - {id: liverpool, name: Liverpool spoke, email: spoke@liverpool.vrp.example, schedule: liverpool-duty}
                  - {id: wirral, name: Wirral spoke, email: spoke@wirral.vrp.example, schedule: wirral-duty}
                schedules:
                  - {id: hub-duty, team: hub, layers: [{name: all, start: "2025-01-06T08:00", shift: 7d, members: [sam.hub]}]}
                  - {id: liverpool-duty, team: liverpool,
                     layers: [{name: all, start: "2025-01-06T08:00", shift: 7d, members: [ada.okoro]}]}
                  - {id: wirral-duty, team: wirral, layers: [{name: all, start: "2025-01-06T08:00", shift: 7d, members: [ben.lee]}]}
                escalation_policies:
                  - {id: hub, steps: [{targets: ["schedule:hub-duty"], delay: 15m}]}
                  - {id: liverpool, steps: [{targets: ["schedule:liverpool-duty"], delay: 15m}, {targets: [hub]}]}
                  - {id: wirral, steps: [{targets: ["schedule:wirral-duty"], delay: 15m}, {targets: [hub]}]}
                """);
        return dir.resolve("deployment.yaml");
    }
}
