package org.ember.infra.cli.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.infra.cli.EmberCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ember routes}, {@code ember oncall} and the silence commands' checks, through EmberCli. */
class RoutingCommandsTest {
    private static final String ROUTING = Path.of("../alert-rules/routing").toString();

    /** Exit status and everything printed. */
    private record Run(int status, String out, String err) {}

    private static Run ember(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int status = EmberCli.run(args);
            return new Run(status, captured.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theShippedRoutingTestsPassIncludingTheClockChangeNights() {
        Run run = ember("routes", "test", ROUTING + "/tests/south-wales-routing.yaml");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("PASS south-wales-routing.yaml: the long night ends at 08:00 GMT")
                .containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void aFailingRoutingTestExitsOneAndShowsThePlan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wrong.yaml");
        Files.writeString(file, """
                tests:
                  - name: Cardiff at night, expecting the wrong officer
                    at: 2025-10-26T07:30
                    labels: {severity: warning, lad: W06000015}
                    expect:
                      escalation:
                        cardiff:
                          - {after: 0m, notify: [dylan.jones]}
                """);
        Run run = ember("routes", "test", "--routing", ROUTING, file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL wrong.yaml: Cardiff at night, expecting the wrong officer")
                .contains("expected [dylan.jones], got [megan.hughes]")
                .contains("step 1 +0s (Sun 26 Oct 2025 07:30 GMT): [megan.hughes]")
                .contains("0 passed, 1 failed");
    }

    @Test
    void aBrokenTestFileIsAUserErrorWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "tests:\n  - name: x\n    at: yesterday\n    labels: {}\n    expect: {}\n");
        Run run = ember("routes", "test", "--routing", ROUTING, file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("broken.yaml:3:5: 'yesterday' is not a time");
    }

    @Test
    void showPrintsTheTreeWithInheritedSettingsAndThePolicies() {
        Run run = ember("routes", "show", "--routing", ROUTING);
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("root.1 [lad=\"W06000015\"] → cardiff (escalation cardiff)  group_by [lad, alertname] "
                + "wait 1m interval 10m repeat 4h")
                .contains("root.0 [severity=\"critical\"] → hub-critical (escalation hub)  group_by [lad] wait 30s")
                .contains("  cardiff (repeats 1×), acknowledgements last 4h")
                .contains("    3. [hub] — escalates after 30m");
    }

    @Test
    void oncallNowNamesWhoIsOnDutyAndUntilWhen() {
        Run run = ember("oncall", "now", "cardiff", "--at", "2025-10-26T01:30+01:00", "--routing", ROUTING);
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("cardiff        Megan Hughes <megan.hughes@cardiff.vru.example> until "
                + "Sun 26 Oct 2025 08:00 GMT (twelve-hour)");
        Run hub = ember("oncall", "now", "--at", "2025-10-26T03:00", "--routing", ROUTING);
        assertThat(hub.out()).contains("swansea        Alys Roberts").contains("(override)").contains("[hub]");
        assertThat(ember("oncall", "now", "nowhere", "--routing", ROUTING).status()).isEqualTo(2);
    }

    @Test
    void aSilenceWithoutAnEndOrWithoutKafkaIsRefusedBeforeAnythingIsWritten() {
        Run noEnd = ember("silence", "add", "--match", "lad=\"W06000011\"", "--by", "x", "--comment", "y",
                "--bootstrap-servers", "127.0.0.1:1");
        assertThat(noEnd.status()).isEqualTo(2);
        assertThat(noEnd.err()).contains("always expires");
        Run everything = ember("silence", "add", "--match", "lad=~\".*\"", "--for", "1h", "--by", "x", "--comment", "y",
                "--bootstrap-servers", "127.0.0.1:1");
        assertThat(everything.err()).contains("must not match every alert");
    }
}
