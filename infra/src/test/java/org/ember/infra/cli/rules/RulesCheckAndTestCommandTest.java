package org.ember.infra.cli.rules;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCheckAndTestCommandTest {
    @TempDir
    Path dir;

    @Test
    void theStarterRulesCheckCleanEvenWithTheLint() {
        CliRun run = Cli.run("rules", "check", Cli.RULES.toString(), "--lint", "--data-dir", Cli.DATA_DIR);
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("SUCCESS: \\d+ rules in \\d+ files \\(content hash [0-9a-f]{12}\\)\\n")
                .doesNotContain("warning");
    }

    @Test
    void everyProblemIsPrintedAsFileLineColumnAndTheExitStatusIsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lsoa, ids: [W01099999]}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        for: soon
                        severity: critical
                """);
        CliRun run = Cli.run("rules", "check", file.toString(), "--data-dir", Cli.DATA_DIR);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":5:36: unknown LSOA 'W01099999': not a 2011 LSOA of the covered areas\n")
                .contains(file + ":7:14: 'for' is 'soon', not a duration like 30m, 2h, 1h30m or 7d\n")
                .contains("FAILED: 2 problems in 1 file");
    }

    @Test
    void lintWarningsAreReportedAndOnlyFatalWithLintFatal() throws Exception {
        Path file = Files.writeString(dir.resolve("flappy.yaml"), """
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lad}
                        when: count{window=1h,feed=any,category=any} >= 5
                        for: 2h
                        severity: info
                """);
        CliRun lint = Cli.run("rules", "check", file.toString(), "--lint", "--data-dir", Cli.DATA_DIR);
        assertThat(lint.exitCode()).isZero();
        assertThat(lint.out()).contains(file + ":7:9: warning: 'for' is 2h, longer than the 1h window")
                .contains("the lint of alerts no route would deliver is skipped").contains("1 warning");
        assertThat(Cli.run("rules", "check", file.toString(), "--lint-fatal", "--data-dir", Cli.DATA_DIR).exitCode()).isEqualTo(1);
    }

    @Test
    void theStarterRuleTestsPassAndCanBeFilteredAndWrittenAsJUnit() throws Exception {
        Path junit = dir.resolve("junit.xml");
        CliRun all = Cli.run("rules", "test", Cli.RULE_TESTS.toString(), "--data-dir", Cli.DATA_DIR, "--junit", junit.toString());
        assertThat(all.exitCode()).as(all.out()).isZero();
        assertThat(all.out()).contains("Unit testing " + Cli.RULE_TESTS.resolve("knife-crime.test.yaml"))
                .contains("  PASS  a stabbing treated by paramedics").containsPattern("SUCCESS: \\d+ tests passed");
        assertThat(Files.readString(junit)).contains("<testcase ").doesNotContain("<failure");

        CliRun some = Cli.run("rules", "test", Cli.RULE_TESTS.toString(), "--data-dir", Cli.DATA_DIR, "--run", "paramedics");
        assertThat(some.out()).contains("SUCCESS: 1 test passed").doesNotContain("violence cluster");

        CliRun none = Cli.run("rules", "test", Cli.RULE_TESTS.toString(), "--data-dir", Cli.DATA_DIR, "--run", "no such test");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).contains("FAILED: no test ran (none matches --run no such test)");
    }

    @Test
    void aFailingRuleTestExitsOneWithTheDifference() throws Exception {
        Files.copy(Cli.RULES.resolve("first-alerts.yaml"), dir.resolve("first-alerts.yaml"));
        Path tests = Files.writeString(dir.resolve("wrong.test.yaml"), """
                rule_files: [first-alerts.yaml]
                tests:
                  - name: expects too much
                    reports:
                      - {feed: police, category: violence, weapon: true, place: W01001694, start: "2025-03-14 22:05"}
                    expect:
                      - at: "2025-03-14 23:00"
                        firing: [{labels: {alertname: weapon-reports-in-neighbourhood}}]
                """);
        CliRun run = Cli.run("rules", "test", tests.toString(), "--data-dir", Cli.DATA_DIR);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("  FAIL  expects too much").contains(tests + ":7:9: at 2025-03-14T23:00:00Z, firing alerts differ")
                .contains("got:      none").contains("FAILED: 1 of 1 tests");
    }

    @Test
    void aBadRegularExpressionIsAUserError() {
        CliRun run = Cli.run("rules", "test", Cli.RULE_TESTS.toString(), "--data-dir", Cli.DATA_DIR, "--run", "(");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ember ").contains(": --run is not a regular expression");
    }

    @Test
    void withARoutingFileTheLintNamesLocalAuthoritiesWhoseAlertsNoRouteDelivers() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                groups:
                  - name: g
                    rules:
                      - name: cardiff-weapons
                        areas: {layer: lsoa, within: [W06000015]}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        severity: warning
                      - name: everywhere-weapons
                        areas: {layer: lad}
                        when: count{window=24h,feed=any,category=weapon} >= 9
                        severity: warning
                """);
        Path routes = Files.writeString(dir.resolve("routes.yaml"), """
                route:
                  receiver: map-only
                  routes:
                    - matchers: ['lad="W06000015"']
                      receiver: cardiff
                receivers:
                  - {name: map-only}
                  - {name: cardiff, escalation: cardiff}
                """);
        CliRun run = Cli.run("rules", "check", rules.toString(), "--lint", "--routing", routes.toString(), "--data-dir", Cli.DATA_DIR);
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("rule 'cardiff-weapons'")
                .contains(rules + ":8:9: warning: no route would deliver alerts of rule 'everywhere-weapons' in W06000011,")
                .contains("(it ends in receiver map-only, which delivers to nobody)");
    }
}
