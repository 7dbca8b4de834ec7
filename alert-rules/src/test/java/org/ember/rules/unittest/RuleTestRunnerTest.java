package org.ember.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.ember.rules.testing.TestAreas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTestRunnerTest {
    private static final String RULES = """
            groups:
              - name: g
                rules:
                  - name: weapons
                    areas: {layer: lsoa}
                    when: count{window=24h,feed=any,category=weapon} >= 2
                    severity: critical
                    annotations: {summary: "{{ .value }} in {{ .area_name }}"}
                  - name: tension
                    areas: {layer: lad}
                    when: intel_tension > 2
                    for: 2h
                    severity: info
            """;

    @TempDir
    Path dir;
    private final TestAreas areas = new TestAreas();

    @BeforeEach
    void writeRules() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), RULES);
    }

    private List<RuleTestRunner.Result> run(String tests, Pattern filter, ReceiverResolver receivers) throws Exception {
        Path file = dir.resolve("rules.test.yaml");
        Files.writeString(file, tests);
        return new RuleTestRunner(areas, areas, receivers).run(file, filter);
    }

    @Test
    void aWrongExpectationFailsWithWhereItIsWhatWasExpectedAndWhatFired() throws Exception {
        List<RuleTestRunner.Result> results = run("""
                rule_files: [rules.yaml]
                places: {cathays: W01001876}
                tests:
                  - name: two reports
                    reports:
                      - {feed: police, category: violence, weapon: true, place: cathays, start: "2025-03-14T22:05:00Z", every: 10m, times: 2}
                    expect:
                      - at: "2025-03-14T23:00:00Z"
                        firing:
                          - labels: {area: W01001876}
                            annotations: {summary: "3 in Cardiff 032A"}
                """, null, ReceiverResolver.NONE);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).singleElement().asString()
                    .startsWith(dir.resolve("rules.test.yaml") + ":8:9: at 2025-03-14T23:00:00Z, firing alerts differ")
                    .contains("expected: {area=\"W01001876\"} summary=\"3 in Cardiff 032A\"")
                    .contains("got:      weapons{area=\"W01001876\", lad=\"W06000015\", layer=\"lsoa\", severity=\"critical\"}"
                            + " summary=\"2 in Cardiff 032A\"");
        });
    }

    @Test
    void metricSeriesDriveRulesOnOtherStagesMetricsAndPendingCanBeChecked() throws Exception {
        List<RuleTestRunner.Result> results = run("""
                rule_files: [rules.yaml]
                tests:
                  - name: tension builds
                    metrics:
                      - {metric: intel_tension, place: W06000015, start: "2025-03-14T20:00:00Z", every: 1h, values: "1 3 3 3 0"}
                    expect:
                      - {at: "2025-03-14T22:00:00Z", rule: tension, firing: [], pending: [{labels: {area: W06000015}}]}
                      - {at: "2025-03-14T23:00:00Z", rule: tension, firing: [{labels: {area: W06000015}}], pending: []}
                      - {at: "2025-03-15T00:00:00Z", rule: tension, firing: []}
                  - name: not run
                    expect: [{at: "2025-03-14T22:00:00Z", firing: []}]
                """, Pattern.compile("builds"), ReceiverResolver.NONE);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.passed()).as(String.join("\n", r.failures())).isTrue());
    }

    @Test
    void receiversAreCheckedThroughTheResolverAndFailClearlyWithoutRouting() throws Exception {
        String tests = """
                rule_files: [rules.yaml]
                tests:
                  - name: routed
                    reports:
                      - {feed: ambulance, weapon: true, place: W01001876, start: "2025-03-14T22:05:00Z", every: 1m, times: 2}
                    expect:
                      - at: "2025-03-14T23:00:00Z"
                        firing: [{labels: {area: W01001876}, receivers: [cardiff-duty-officer]}]
                """;
        assertThat(run(tests, null, ReceiverResolver.NONE).get(0).failures()).singleElement().asString()
                .contains("cannot be checked: no routing is available to rule tests yet");
        assertThat(run(tests, null, (alert, at) -> List.of("cardiff-duty-officer")).get(0).passed()).isTrue();
        assertThat(run(tests, null, (alert, at) -> List.of("swansea-duty-officer")).get(0).failures()).singleElement()
                .asString().contains("expected [cardiff-duty-officer], got [swansea-duty-officer]");
    }

    @Test
    void aTestFileWithMistakesDoesNotRunAndSaysWhere() throws Exception {
        List<RuleTestRunner.Result> results = run("""
                rule_files: [rules.yaml, missing.yaml]
                tests:
                  - name: t
                    reports:
                      - {feed: fax, place: W01009999, start: "yesterday"}
                    expect: [{at: "2025-03-14T23:00:00Z", firing: []}]
                """, null, ReceiverResolver.NONE);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            String file = dir.resolve("rules.test.yaml").toString();
            assertThat(r.failures()).containsExactly(
                    file + ":1:26: rule file 'missing.yaml' not found (relative to " + dir.toAbsolutePath() + ")",
                    file + ":5:16: 'feed' is 'fax'; expected one of [police, ambulance, ae, navigator, intel]",
                    file + ":5:9: 'category' is required for police reports: one of [violence, weapon, robbery, public_order,"
                            + " navigator, intel, other]",
                    file + ":5:28: unknown LSOA 'W01009999': not a 2011 LSOA of the covered areas",
                    file + ":5:46: 'yesterday' is not a time like 2025-03-14T22:05:00Z or 2025-03-14 22:05 (UK time)");
        });
    }

    @Test
    void junitXmlListsEveryCaseAndItsFailure() throws Exception {
        Path xml = dir.resolve("out/results.xml");
        JUnitReport.write(xml, List.of(new RuleTestRunner.Result("a.yaml", "ok <1>", true, List.of(), 3),
                new RuleTestRunner.Result("a.yaml", "bad", false, List.of("a.yaml:3:1: at X, firing alerts differ\n  more"), 5)));
        String text = Files.readString(xml);
        assertThat(text).contains("<testsuite name=\"a.yaml\" tests=\"2\" failures=\"1\"")
                .contains("<testcase classname=\"a.yaml\" name=\"ok &lt;1&gt;\" time=\"0.003\"/>")
                .contains("<failure message=\"a.yaml:3:1: at X, firing alerts differ\">");
    }
}
