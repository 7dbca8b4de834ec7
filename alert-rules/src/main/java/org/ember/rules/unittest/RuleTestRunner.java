package org.ember.rules.unittest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ember.model.Alert;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.AreaNames;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.RuleSet;
import org.ember.rules.TimeText;
import org.ember.rules.areas.KnownAreas;
import org.ember.rules.counts.SimulatedCounts;
import org.ember.rules.eval.AreaState;
import org.ember.rules.eval.RuleEvaluator;

/**
 * Runs rule unit tests the way promtool runs Prometheus rule tests, on a simulated clock: the
 * reports go through the job's own hourly counting ({@link SimulatedCounts}), the counts and the
 * given metric series through the job's own {@link RuleEvaluator}, and at each checked time the
 * pending and firing alerts are compared with the expected ones.
 */
public final class RuleTestRunner {
    private final AreaNames names;
    private final KnownAreas areas;
    private final ReceiverResolver receivers;
    /** How partner records are ingested and fused, or null when the deployment's boundaries are not at hand. */
    private final ReportInputs inputs;

    public RuleTestRunner(AreaNames names, KnownAreas areas, ReceiverResolver receivers) {
        this(names, areas, receivers, null);
    }

    /** @param inputs how partner records ({@code records:} in a test) are ingested and fused, or null */
    public RuleTestRunner(AreaNames names, KnownAreas areas, ReceiverResolver receivers, ReportInputs inputs) {
        this.names = names;
        this.areas = areas;
        this.receivers = receivers;
        this.inputs = inputs;
    }

    /**
     * The outcome of one test case.
     *
     * @param file     the test file
     * @param test     the case's name (the file's problems when it could not be loaded)
     * @param passed   whether every check held
     * @param failures one message per failed check
     * @param millis   how long it took
     */
    public record Result(String file, String test, boolean passed, List<String> failures, long millis) {
        public Result {
            failures = List.copyOf(failures);
        }
    }

    /** Loads a test file and its rule files and runs the cases whose name matches {@code filter} (null: all). */
    public List<Result> run(Path testFile, Pattern filter) {
        long started = System.currentTimeMillis();
        RuleTestFile file;
        RuleSet rules;
        try {
            file = new RuleTestLoader(areas).load(testFile);
            rules = new RuleFileLoader(areas).load(file.ruleFiles());
        } catch (RuleFileException e) {
            List<String> problems = e.problems().stream().map(RuleFileProblem::toString).toList();
            return List.of(new Result(testFile.toString(), "(loading)", false, problems, System.currentTimeMillis() - started));
        }
        List<Result> results = new ArrayList<>();
        for (RuleTestFile.Case c : file.tests()) {
            if (filter == null || filter.matcher(c.name()).find()) {
                results.add(run(testFile.toString(), c, rules));
            }
        }
        return results;
    }

    /** Runs one case against a rule set. */
    public Result run(String fileName, RuleTestFile.Case test, RuleSet rules) {
        return run(fileName, test, rules, (check, active) -> { });
    }

    /** Sees every alert active (pending or firing, of every rule) at each checked time. */
    public interface Observer {
        void checked(RuleTestFile.Expectation check, List<Alert> active);
    }

    /** Runs one case against a rule set, telling {@code observer} what was active at each check. */
    public Result run(String fileName, RuleTestFile.Case test, RuleSet rules, Observer observer) {
        long started = System.currentTimeMillis();
        List<String> failures = new ArrayList<>();
        List<AreaMetrics> updates = inputs(test, rules, failures);
        if (!failures.isEmpty()) {
            return new Result(fileName, test.name(), false, failures, System.currentTimeMillis() - started);
        }
        RuleEvaluator evaluator = new RuleEvaluator(names);
        Map<String, AreaState> states = new TreeMap<>();
        List<RuleTestFile.Expectation> checks = new ArrayList<>(test.expect());
        checks.sort(Comparator.comparingLong(RuleTestFile.Expectation::at));
        int next = 0;
        for (RuleTestFile.Expectation check : checks) {
            while (next < updates.size() && updates.get(next).asOf() <= check.at()) {
                AreaMetrics u = updates.get(next++);
                AreaState state = states.getOrDefault(u.areaKey(), AreaState.EMPTY);
                states.put(u.areaKey(), evaluator.update(rules, u.layer(), u.areaId(), state, u.asOf(), u.values()).state());
            }
            List<Alert> active = new ArrayList<>();
            for (Map.Entry<String, AreaState> entry : states.entrySet()) {
                String[] key = entry.getKey().split(":", 2);
                AreaState advanced = evaluator.advance(rules, key[0], key[1], entry.getValue(), check.at()).state();
                entry.setValue(advanced);
                active.addAll(evaluator.active(rules, key[0], key[1], advanced, check.at()));
            }
            observer.checked(check, List.copyOf(active));
            if (check.rule() != null) {
                active.removeIf(a -> !check.rule().equals(a.rule()));
            }
            compare(check, "firing", check.firing(), active.stream().filter(a -> Alert.FIRING.equals(a.state())).toList(),
                    failures);
            compare(check, "pending", check.pending(), active.stream().filter(a -> !Alert.FIRING.equals(a.state())).toList(),
                    failures);
        }
        return new Result(fileName, test.name(), failures.isEmpty(), failures, System.currentTimeMillis() - started);
    }

    private List<AreaMetrics> inputs(RuleTestFile.Case test, RuleSet rules, List<String> failures) {
        SimulatedCounts counts = new SimulatedCounts();
        List<AreaMetrics> fused = test.records().isEmpty() ? List.of()
                : new RecordReplay(inputs, areas).metrics(test, rules, counts, failures);
        for (RuleTestFile.Reports r : test.reports()) {
            for (int k = 0; k < r.times(); k++) {
                long t = r.start() + k * r.every();
                counts.add(r.layer(), r.areaId(), t, r.feed(), r.category(), r.weapon(), 1);
                if ("lsoa".equals(r.layer())) {
                    String lad = areas.ladOf(r.areaId());
                    if (lad != null) {
                        counts.add("lad", lad, t, r.feed(), r.category(), r.weapon(), 1);
                    }
                }
            }
        }
        List<AreaMetrics> updates = new ArrayList<>(counts.updates());
        updates.addAll(fused);
        for (RuleTestFile.MetricSeries m : test.metrics()) {
            for (int k = 0; k < m.values().size(); k++) {
                updates.add(new AreaMetrics(m.layer(), m.areaId(), m.start() + k * m.every(), "test",
                        Map.of(m.metric(), m.values().get(k))));
            }
        }
        // At one time counts go before fusion, as the job orders them (sorts are stable).
        updates.sort(Comparator.comparingLong(AreaMetrics::asOf).thenComparing(AreaMetrics::source));
        return updates;
    }

    private void compare(RuleTestFile.Expectation check, String what, List<RuleTestFile.ExpectedAlert> expected,
            List<Alert> actual, List<String> failures) {
        if (expected == null) {
            return;
        }
        List<Alert> unmatched = new ArrayList<>(actual);
        List<RuleTestFile.ExpectedAlert> missing = new ArrayList<>();
        List<String> receiverProblems = new ArrayList<>();
        for (RuleTestFile.ExpectedAlert e : expected) {
            Alert match = unmatched.stream().filter(a -> matches(e, a)).findFirst().orElse(null);
            if (match == null) {
                missing.add(e);
                continue;
            }
            unmatched.remove(match);
            if (e.receivers() != null) {
                List<String> got = receivers.receivers(match, check.at());
                if (got == null) {
                    receiverProblems.add("receivers of " + describe(match) + " cannot be checked: no routing is available"
                            + " to rule tests yet");
                } else if (!new TreeSet<>(got).equals(new TreeSet<>(e.receivers()))) {
                    receiverProblems.add("receivers of " + describe(match) + ": expected " + new TreeSet<>(e.receivers())
                            + ", got " + new TreeSet<>(got));
                }
            }
        }
        String scope = check.where() + ": at " + TimeText.format(check.at())
                + (check.rule() == null ? "" : " (rule " + check.rule() + ")") + ", ";
        if (!missing.isEmpty() || !unmatched.isEmpty()) {
            StringBuilder message = new StringBuilder(scope).append(what).append(" alerts differ");
            message.append("\n    expected: ").append(expected.isEmpty() ? "none" : expected.stream()
                    .map(RuleTestRunner::describe).collect(Collectors.joining("\n              ")));
            message.append("\n    got:      ").append(actual.isEmpty() ? "none" : actual.stream()
                    .map(RuleTestRunner::describe).collect(Collectors.joining("\n              ")));
            failures.add(message.toString());
        }
        receiverProblems.forEach(p -> failures.add(scope + p));
    }

    private static boolean matches(RuleTestFile.ExpectedAlert expected, Alert actual) {
        for (Map.Entry<String, String> label : expected.labels().entrySet()) {
            if (!Objects.equals(actual.labels().get(label.getKey()), label.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, String> annotation : expected.annotations().entrySet()) {
            if (!Objects.equals(actual.annotations().get(annotation.getKey()), annotation.getValue())) {
                return false;
            }
        }
        return true;
    }

    static String describe(Alert alert) {
        String labels = new TreeMap<>(alert.labels()).entrySet().stream()
                .filter(e -> !"alertname".equals(e.getKey()))
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", "));
        return alert.rule() + "{" + labels + "} summary=\"" + alert.summary() + "\"";
    }

    static String describe(RuleTestFile.ExpectedAlert expected) {
        String labels = new TreeMap<>(expected.labels()).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", "));
        String annotations = new TreeMap<>(expected.annotations()).entrySet().stream()
                .map(e -> " " + e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining());
        return "{" + labels + "}" + annotations;
    }
}
