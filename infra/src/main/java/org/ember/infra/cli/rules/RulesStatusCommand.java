package org.ember.infra.cli.rules;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ember.model.Topics;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ember rules status}: the latest pushed rule snapshot and the version the job has in force. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the latest rule snapshot on ember.rules and what the job made of the snapshots it read:",
            "the version in force, and the latest rejection with its problems."
        })
public final class RulesStatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(ZoneId.of("Europe/London"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: the deployment's, else the running demo's broker).")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    org.ember.infra.cli.DeploymentOption deployment;

    @Option(names = "--timeout", converter = DurationOption.class, defaultValue = "15s",
            description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleTopics topics = new RuleTopics(org.ember.infra.cli.KafkaLocation.bootstrapServers(bootstrapServers, deployment.load(null)), timeout);
        Optional<RuleSnapshot> latest = topics.latestSnapshot();
        List<RuleEvent> events = topics.events();
        if (latest.isEmpty()) {
            out.println("Latest pushed: none (" + Topics.RULES + " is empty: the job runs the rules it was started with)");
        } else {
            RuleSnapshot s = latest.get();
            out.println("Latest pushed: version " + s.version() + " (" + s.contentHash() + ") by " + s.publishedBy() + " at "
                    + (s.publishedAt() == null ? "?" : TIME.format(s.publishedAt())) + ", files " + String.join(", ",
                    s.files().keySet()));
        }
        Optional<RuleEvent> accepted = events.stream().filter(e -> RuleEvent.ACCEPTED.equals(e.outcome())).reduce((a, b) -> b);
        Optional<RuleEvent> last = events.stream().reduce((a, b) -> b);
        if (last.isEmpty()) {
            out.println("In force:      no word from the job yet (version 0: the rules it was started with, if it runs)");
        } else {
            RuleEvent e = last.get();
            String since = accepted.filter(a -> a.version() == e.inForce())
                    .map(a -> ", accepted at " + TIME.format(Instant.ofEpochMilli(a.processedAt()))).orElse("");
            out.println("In force:      version " + e.inForce() + " (" + e.rules() + " rules" + since + ")");
        }
        events.stream().filter(e -> RuleEvent.REJECTED.equals(e.outcome())).reduce((a, b) -> b).ifPresent(r -> {
            out.println("Last rejected: version " + r.version() + " at " + TIME.format(Instant.ofEpochMilli(r.processedAt()))
                    + (accepted.isPresent() && accepted.get().processedAt() > r.processedAt() ? " (a later version was accepted)"
                            : "") + ":");
            r.problems().forEach(p -> out.println("  " + p));
        });
        if (latest.isPresent() && last.isPresent() && last.get().inForce() != latest.get().version()) {
            out.println("Note: the latest pushed version is not in force"
                    + (last.get().version() == latest.get().version() ? " (" + last.get().outcome() + ")" : " (yet)"));
        }
        out.flush();
        return 0;
    }
}
