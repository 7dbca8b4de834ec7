package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.infra.cli.EmberCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class StatsHelpTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gi-star, --distance, --no-self",
        "kde, --bandwidth, --extent",
        "dbscan, --min-points, --eps-time",
        "knox, --permutations, --seed",
        "near-repeat, --space-bands, --time-bands",
        "ehsa, --alpha, --missing-as-zero",
    })
    void everyCommandExplainsItsOptions(String command, String option, String another) {
        CliRun run = CliRun.of("stats", command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: ember stats " + command).contains(option).contains(another)
                .contains("--input").contains("--out");
        // Every option carries a description (no bare option names in the help).
        CommandLine stats = new CommandLine(new EmberCli()).getSubcommands().get("stats");
        assertThat(stats.getSubcommands().get(command).getCommandSpec().options()).isNotEmpty().allSatisfy(
                o -> assertThat(String.join(" ", o.description())).as("description of %s", o.longestName()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gi-star", "kde", "dbscan", "knox", "near-repeat", "ehsa"})
    void statsListsTheCommand(String command) {
        assertThat(CliRun.of("stats", "--help").out()).contains(command);
    }
}
