package org.ember.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command side of {@code ember chaos}; the campaigns themselves: FuzzCampaignTest, ClusterFaultIT. */
class ChaosCommandTest {

    @Test
    void offersOneSubcommandPerFaultWithTheFullSizeAsDefault() {
        CliRun help = CliRun.of("chaos", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("fuzz", "taskmanagers", "broker");
        assertThat(CliRun.of("chaos", "fuzz", "--help").out()).contains("--count").contains("default: 100000");
        assertThat(CliRun.of("chaos", "taskmanagers", "--help").out()).contains("--kills").contains("default: 10");
        assertThat(CliRun.of("chaos", "broker", "--help").out()).contains("--stop").contains("default: 30s");
    }

    @Test
    void refusesABadDuration() {
        CliRun run = CliRun.of("chaos", "broker", "--stop", "soon");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("soon");
    }
}
