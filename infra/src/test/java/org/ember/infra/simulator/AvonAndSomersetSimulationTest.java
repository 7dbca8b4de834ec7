package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ember.deployment.AeSite;
import org.ember.deployment.Deployment;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;

/**
 * The simulator takes its partners from the deployment: Avon and Somerset's ambulance service names
 * the calls, casualties go to its emergency departments, intelligence is about its own LSOAs, and
 * the months its police.uk copy lacks are silence (for the demo) or an error naming them (otherwise).
 */
class AvonAndSomersetSimulationTest {

    @Test
    void aMonthOfAvonAndSomersetUsesItsOwnPartners() throws Exception {
        Deployment d = Deployment.load(Path.of("../deployments/avon-and-somerset"), SimulatorFixtures.dataDir(), Map.of());
        SimulatedArea area = SimulatedArea.of(d);
        SimulationSettings settings = SimulationSettings.defaults().withMonths(YearMonth.of(2025, 2), YearMonth.of(2025, 2))
                .withForces(List.of("avon-and-somerset_partial"));
        List<SimulatedRecord> records = FeedSimulator.create(d.dataDir(), settings, SimulatorFixtures.profile(), area, false)
                .stream().filter(r -> !r.malformed()).toList();
        assertThat(records).hasSizeGreaterThan(1000);

        Set<String> sites = d.simulator().emergencyDepartments().stream().map(AeSite::code).collect(Collectors.toSet());
        for (SimulatedRecord r : records) {
            JsonNode json = Json.mapper().readTree(r.value());
            switch (r.feed()) {
                case AMBULANCE -> assertThat(json.get("call_id").asText()).startsWith("SWASFT-202502-");
                case AE -> assertThat(sites).contains(json.get("site_code").asText());
                case INTEL -> assertThat(area.covers(json.at("/location/lsoa_code").asText())).isTrue();
                default -> { }
            }
        }
        assertThat(records).anyMatch(r -> r.feed() == Feed.INTEL).anyMatch(r -> r.feed() == Feed.AE);
    }

    @Test
    void missingMonthsAreNamedAndSkippedOnlyWhenAsked() throws Exception {
        Deployment d = Deployment.load(Path.of("../deployments/avon-and-somerset"), SimulatorFixtures.dataDir(), Map.of());
        SimulationSettings settings = SimulationSettings.defaults().withMonths(YearMonth.of(2025, 4), YearMonth.of(2025, 6))
                .withForces(List.of("avon-and-somerset_partial"));
        assertThat(FeedSimulator.missingMonths(d.dataDir(), settings)).containsExactly(YearMonth.of(2025, 5), YearMonth.of(2025, 6));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeedSimulator.create(d.dataDir(), settings,
                SimulatorFixtures.profile(), SimulatedArea.of(d), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-05");
        SimulationRun run = FeedSimulator.create(d.dataDir(), settings, SimulatorFixtures.profile(), SimulatedArea.of(d), true)
                .start();
        long late = 0;
        while (run.hasNext()) {
            SimulatedRecord r = run.next();
            // April's police updates come up to two days later (navigator follow-ups even later); nothing of May or June.
            boolean mayOrJune = (r.feed() == Feed.POLICE || r.feed() == Feed.INTEL)
                    && r.emitTime() >= java.time.Instant.parse("2025-05-03T00:00:00Z").toEpochMilli();
            if (mayOrJune) {
                late++;
            }
        }
        assertThat(late).as("nothing simulated in the months without data").isZero();
    }
}
