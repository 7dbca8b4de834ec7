package org.ember.rules.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ember.rules.oncall.OnCallLoader;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.DurationText;
import org.ember.rules.routing.TimeInterval;
import org.ember.rules.routing.YamlSource;

/**
 * Routing tests, the way {@code promtool test rules} tests rules but with a time: given an alert's
 * labels and a moment, which receivers are told and who each escalation step reaches.
 *
 * <pre>
 * routing: ..                       # the routing directory, relative to this file
 * tests:
 *   - name: Cardiff knife alert in the night goes to the night officer
 *     at: 2025-10-26T07:30          # Europe/London, or with an offset
 *     labels: {alertname: weapon-reports, severity: critical, lad: W06000015}
 *     expect:
 *       receivers: [cardiff]
 *       muted: []
 *       escalation:
 *         cardiff:
 *           - {after: 0m, notify: [gareth.jones]}
 *           - {after: 15m, notify: [gareth.jones, team:cardiff]}
 * </pre>
 */
public final class RoutingTests {
    private static final Set<String> TOP_KEYS = Set.of("routing", "tests");
    private static final Set<String> TEST_KEYS = Set.of("name", "at", "labels", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("receivers", "muted", "escalation");
    private static final Set<String> STEP_KEYS = Set.of("after", "notify");

    /** One test as written. */
    public record Case(String name, Instant at, Map<String, String> labels, List<String> receivers, List<String> muted,
            Map<String, List<ExpectedStep>> escalation) {}

    public record ExpectedStep(Duration after, List<String> who) {}

    /** A test file: its routing directory and cases. */
    public record Suite(Path file, Path routingDir, List<Case> cases) {}

    /** The outcome of one case, with every difference found. */
    public record Outcome(Case test, RoutePlan plan, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Reads a test file strictly; {@code routingOverride} (may be null) replaces its {@code routing} key. */
    public static Suite read(Path file, Path routingOverride) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlSource yaml = YamlSource.read(file, problems);
        List<Case> cases = new ArrayList<>();
        Path routingDir = routingOverride;
        if (yaml.readable()) {
            JsonNode root = yaml.root();
            yaml.onlyKeys(root, "", TOP_KEYS);
            String routing = yaml.text(root, "", "routing", routingOverride == null);
            if (routingDir == null && routing != null) {
                Path parent = file.toAbsolutePath().getParent();
                routingDir = parent.resolve(routing).normalize();
            }
            List<JsonNode> nodes = yaml.list(root, "", "tests", true);
            for (int i = 0; i < nodes.size(); i++) {
                Case test = readCase(yaml, nodes.get(i), YamlSource.child("/tests", i));
                if (test != null) {
                    cases.add(test);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Suite(file, routingDir, cases);
    }

    private static Case readCase(YamlSource yaml, JsonNode node, String at) {
        if (!node.isObject()) {
            yaml.problem(at, "a test must be a mapping with name, at, labels and expect");
            return null;
        }
        yaml.onlyKeys(node, at, TEST_KEYS);
        String name = yaml.text(node, at, "name", true);
        String atText = yaml.text(node, at, "at", true);
        Instant when = null;
        if (atText != null) {
            try {
                when = OnCallLoader.parseInstant(atText, TimeInterval.LONDON);
            } catch (DateTimeParseException e) {
                yaml.problem(YamlSource.child(at, "at"), "'" + atText + "' is not a time like 2025-10-26T01:30 "
                        + "(Europe/London) or 2025-10-26T01:30+01:00");
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = yaml.mapping(node, at, "labels", true);
        if (labelNode != null) {
            labelNode.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode expect = yaml.mapping(node, at, "expect", true);
        List<String> receivers = null;
        List<String> muted = null;
        Map<String, List<ExpectedStep>> escalation = new LinkedHashMap<>();
        if (expect != null) {
            String eat = YamlSource.child(at, "expect");
            yaml.onlyKeys(expect, eat, EXPECT_KEYS);
            receivers = expect.has("receivers") ? yaml.texts(expect, eat, "receivers") : null;
            muted = expect.has("muted") ? yaml.texts(expect, eat, "muted") : null;
            JsonNode steps = yaml.mapping(expect, eat, "escalation", false);
            if (steps != null) {
                String sat = YamlSource.child(eat, "escalation");
                steps.properties().forEach(e -> {
                    List<ExpectedStep> expected = new ArrayList<>();
                    List<JsonNode> items = yaml.list(steps, sat, e.getKey(), true);
                    for (int i = 0; i < items.size(); i++) {
                        String iat = YamlSource.child(YamlSource.child(sat, e.getKey()), i);
                        JsonNode item = items.get(i);
                        if (!item.isObject()) {
                            yaml.problem(iat, "a step is {after: 15m, notify: [person, team:ID, …]}");
                            continue;
                        }
                        yaml.onlyKeys(item, iat, STEP_KEYS);
                        Duration after = yaml.duration(item, iat, "after", Duration.ZERO);
                        expected.add(new ExpectedStep(after, yaml.texts(item, iat, "notify")));
                    }
                    escalation.put(e.getKey(), expected);
                });
            }
        }
        if (name == null || when == null || expect == null) {
            return null;
        }
        return new Case(name, when, labels, receivers, muted, escalation);
    }

    /** Runs every case of a suite against the routing it names. */
    public static List<Outcome> run(Suite suite) throws ConfigException {
        return run(suite, AlertRouting.load(suite.routingDir()));
    }

    public static List<Outcome> run(Suite suite, AlertRouting routing) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Case test : suite.cases()) {
            outcomes.add(check(test, RoutePlan.of(routing, test.labels(), test.at())));
        }
        return outcomes;
    }

    static Outcome check(Case test, RoutePlan plan) {
        List<String> failures = new ArrayList<>();
        if (test.receivers() != null && !new TreeSet<>(test.receivers()).equals(new TreeSet<>(plan.receivers()))) {
            failures.add("receivers: expected " + test.receivers() + ", got " + plan.receivers());
        }
        if (test.muted() != null && !new TreeSet<>(test.muted()).equals(new TreeSet<>(plan.muted()))) {
            failures.add("muted: expected " + test.muted() + ", got " + plan.muted());
        }
        for (Map.Entry<String, List<ExpectedStep>> expected : test.escalation().entrySet()) {
            RoutePlan.Match match = plan.matches().stream()
                    .filter(m -> m.receiver().name().equals(expected.getKey())).findFirst().orElse(null);
            if (match == null) {
                failures.add("escalation of " + expected.getKey() + ": the alert does not reach that receiver");
                continue;
            }
            List<RoutePlan.PlannedStep> actual = match.steps();
            for (int i = 0; i < expected.getValue().size(); i++) {
                ExpectedStep want = expected.getValue().get(i);
                if (i >= actual.size()) {
                    failures.add("escalation of " + expected.getKey() + " step " + (i + 1) + ": expected " + want.who()
                            + " after " + DurationText.format(want.after()) + ", but the policy has only " + actual.size()
                            + " steps");
                    continue;
                }
                RoutePlan.PlannedStep got = actual.get(i);
                if (!got.after().equals(want.after())) {
                    failures.add("escalation of " + expected.getKey() + " step " + (i + 1) + ": expected after "
                            + DurationText.format(want.after()) + ", got after " + DurationText.format(got.after()));
                }
                if (!new TreeSet<>(want.who()).equals(new TreeSet<>(got.who()))) {
                    failures.add("escalation of " + expected.getKey() + " step " + (i + 1) + " (" + got.at() + "): expected "
                            + want.who() + ", got " + got.who());
                }
            }
        }
        return new Outcome(test, plan, failures);
    }
}
