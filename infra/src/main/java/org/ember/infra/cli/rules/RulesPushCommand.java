package org.ember.infra.cli.rules;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ember.model.Topics;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ember rules push DIR}: checks the rule files, then publishes them as one versioned snapshot
 * on the compacted {@code ember.rules} topic, where the running job picks them up without a restart.
 */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a directory (or file) of rules and publishes it as one snapshot on ember.rules, version one",
            "higher than the latest there. The job puts it in force if it is valid and newer (see 'ember rules",
            "status'). Nothing is published when the check fails (exit 1) or the same files are already the latest."
        })
public final class RulesPushCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Rule directory or file.")
    Path rules;

    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: the deployment's, else the running demo's broker).")
    String bootstrapServers;

    @Option(names = "--by", description = "Who pushes, recorded in the snapshot (default: user@host).")
    String by;

    @Option(names = "--wait", converter = DurationOption.class, defaultValue = "0s",
            description = "Wait this long for the job to accept or reject the snapshot, e.g. 30s (default: do not wait).")
    Duration waitFor;

    @Option(names = "--timeout", converter = DurationOption.class, defaultValue = "15s",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--data-dir", description = "Shared data directory, to check area codes (default: $EMBER_DATA_DIR,"
            + " else ../shared/data).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    org.ember.infra.cli.DeploymentOption deployment;

    @Option(names = "--allow-empty", description = "Push even if the files hold no rules (switches every alert off; "
            + "the job refuses an empty snapshot without this).")
    boolean allowEmpty;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CatalogueAreas areas = DeploymentAreas.load(deployment, dataDir, false);
        List<SourceFile> sources;
        RuleSet checked;
        try {
            sources = RuleFileLoader.read(rules);
            checked = new RuleFileLoader(areas).load(sources, 0);
        } catch (RuleFileException e) {
            e.problems().forEach(out::println);
            out.println("FAILED: not pushed");
            out.flush();
            return 1;
        }
        if (checked.rules().isEmpty() && !allowEmpty) {
            out.println("FAILED: not pushed: the files hold no rules, which would switch every alert off; "
                    + "add --allow-empty if that is really meant");
            out.flush();
            return 1;
        }
        RuleTopics topics = new RuleTopics(org.ember.infra.cli.KafkaLocation.bootstrapServers(bootstrapServers, deployment.load(dataDir)), timeout);
        Optional<RuleSnapshot> latest = topics.latestSnapshot();
        if (latest.isPresent() && latest.get().contentHash().equals(checked.contentHash())) {
            out.println("Unchanged: these files are already version " + latest.get().version() + " ("
                    + checked.contentHash() + ") on " + Topics.RULES + "; nothing pushed");
            out.flush();
            return 0;
        }
        long version = latest.map(s -> s.version() + 1).orElse(1L);
        RuleSnapshot snapshot = RuleSnapshot.of(version, sources, Instant.now(), by != null ? by : whoAmI(), allowEmpty);
        topics.publish(snapshot.toBytes());
        out.println("Pushed version " + version + " (" + snapshot.contentHash() + "): " + checked.rules().size() + " rules from "
                + sources.size() + " file" + (sources.size() == 1 ? "" : "s") + " to " + Topics.RULES);
        out.flush();
        if (waitFor.isZero()) {
            return 0;
        }
        Instant deadline = Instant.now().plus(waitFor);
        while (Instant.now().isBefore(deadline)) {
            Optional<RuleEvent> outcome = topics.events().stream().filter(e -> e.version() == version).reduce((a, b) -> b);
            if (outcome.isPresent()) {
                RuleEvent e = outcome.get();
                out.println("The job " + e.outcome() + " version " + version
                        + (e.problems().isEmpty() ? "" : ":\n  " + String.join("\n  ", e.problems())));
                out.flush();
                return RuleEvent.ACCEPTED.equals(e.outcome()) ? 0 : 1;
            }
            Thread.sleep(500);
        }
        out.println("No word from the job about version " + version + " within " + waitFor.toSeconds()
                + " s (is it running? see 'ember rules status')");
        out.flush();
        return 3;
    }

    private static String whoAmI() {
        String user = System.getProperty("user.name", "unknown");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return user;
        }
    }
}
