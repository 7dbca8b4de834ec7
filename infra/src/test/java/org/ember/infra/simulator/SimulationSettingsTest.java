package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SimulationSettings s = SimulationSettings.defaults();

        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.from()).isEqualTo(YearMonth.of(2025, 1));
        assertThat(s.to()).isEqualTo(YearMonth.of(2025, 12));
        // The police forces are the deployment's (simulator.police), not a default of the simulator's.
        assertThat(s.forces()).isEmpty();
        assertThat(s.knifeShare()).isEqualTo(0.06);
        assertThat(s.ambulanceShare()).isEqualTo(0.20);
        assertThat(s.ambulanceShareWeapon()).isEqualTo(0.60);
        assertThat(s.aeShare()).isEqualTo(0.15);
        assertThat(s.aeShareWeapon()).isEqualTo(0.50);
        assertThat(s.healthOnlyPerPoliceViolence()).isEqualTo(0.40);
        assertThat(s.intelReportsPerDay()).isEqualTo(2.0);
        assertThat(s.malformedShare()).isEqualTo(0.005);
        assertThat(s.healthOnlyBothShare()).isBetween(0.2999, 0.3001);
    }

    @Test
    void withersChangeOnlyTheirField() {
        SimulationSettings s = SimulationSettings.defaults().withSeed(7).withForces(List.of("gwent"))
                .withMonths(YearMonth.of(2024, 3), YearMonth.of(2024, 4)).withMalformedShare(0.1);

        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.forces()).containsExactly("gwent");
        assertThat(s.from()).isEqualTo(YearMonth.of(2024, 3));
        assertThat(s.malformedShare()).isEqualTo(0.1);
        assertThat(s.knifeShare()).isEqualTo(SimulationSettings.defaults().knifeShare());
    }

    @Test
    void impossibleSettingsAreRefused() {
        SimulationSettings d = SimulationSettings.defaults();

        assertThatThrownBy(() -> d.withMonths(YearMonth.of(2025, 5), YearMonth.of(2025, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-05");
        assertThatThrownBy(() -> d.withMalformedShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeedSimulator.create(SimulatorFixtures.dataDir(), d, SimulatorFixtures.area()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulator.police");
        assertThatThrownBy(() -> d.withForces(List.of("../etc"))).isInstanceOf(IllegalArgumentException.class);
    }
}
