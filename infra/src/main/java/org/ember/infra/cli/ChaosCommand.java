package org.ember.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import org.ember.infra.chaos.FuzzFigures;
import org.ember.infra.chaos.FuzzRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember chaos}: the fault campaign, one subcommand per fault, each printing its figures. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "The fault campaign (docs/reliability.md): fuzzed feeds, killed TaskManagers, a stopped broker.",
        subcommands = {ChaosCommand.Fuzz.class})
public final class ChaosCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = "Publishes fuzzed feed records to a job on its own broker; checks in = processed + dead-lettered"
                    + " and that no value of an unknown field reaches an output topic, a notification or the log.")
    static final class Fuzz implements Callable<Integer> {
        @Mixin
        DeploymentOption deployment;

        @Option(names = "--data-dir", description = "Data directory (default: $EMBER_DATA_DIR or ../shared/data).")
        Path dataDir;

        @Option(names = "--count", defaultValue = "100000", description = "Records to publish (default: ${DEFAULT-VALUE}).")
        long count;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the replay and the fuzzing (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--work-dir", description = "Broker data, checkpoints, outbox (default: .ember/chaos/fuzz).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Deployment d = deployment.load(dataDir);
            Path work = workDir != null ? workDir : EmberPaths.home().resolve(".ember/chaos/fuzz-" + System.currentTimeMillis());
            FuzzFigures figures = FuzzRun.run(work, deployment.file(), d, count, seed, System.out);
            System.out.print(figures.report());
            return figures.clean() ? 0 : 1;
        }
    }
}
