package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ember.infra.cli.SimulateCommand;
import org.ember.infra.cli.UserError;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ember simulate}, run through picocli as the CLI would run it. */
class SimulateCommandTest {

    private static String dryRun(String... extra) {
        StringWriter out = new StringWriter();
        String[] base = {"--dry-run", "--from", "2025-02", "--to", "2025-02", "--force", "gwent",
            "--data-dir", SimulatorFixtures.dataDir().toString()};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        int exit = new CommandLine(new SimulateCommand()).setOut(new PrintWriter(out)).execute(args);
        assertThat(exit).isZero();
        return out.toString();
    }

    @Test
    void dryRunPrintsTheFirstRecordsAsJsonLinesInTimeOrderTheSameEachTime() throws Exception {
        List<String> lines = dryRun("--limit", "40").lines().toList();
        List<String> byDefault = dryRun().lines().toList();
        List<String> otherSeed = dryRun("--seed", "7").lines().toList();

        assertThat(lines).hasSize(40);
        Instant previous = Instant.MIN;
        for (String line : lines) {
            JsonNode node = Json.mapper().readTree(line);
            assertThat(Feed.fromTopic(node.get("topic").asText())).isPresent();
            Instant timestamp = Instant.parse(node.get("timestamp").asText());
            assertThat(timestamp).isAfterOrEqualTo(previous).isAfterOrEqualTo(Instant.parse("2025-01-31T23:50:00Z"));
            previous = timestamp;
            assertThat(node.get("key").asText()).isNotBlank();
            assertThat(node.has("value") || node.get("malformed").asBoolean()).isTrue();
        }
        assertThat(lines.stream().filter(l -> l.contains("\"topic\":\"feed.police\""))).isNotEmpty();
        assertThat(byDefault).hasSize(20).isEqualTo(lines.subList(0, 20));
        assertThat(otherSeed).hasSize(20).isNotEqualTo(byDefault);
    }

    @Test
    void badUserInputIsAUserError() {
        SimulateCommand backwards = new SimulateCommand();
        new CommandLine(backwards).parseArgs("--dry-run", "--from", "2025-05", "--to", "2025-04",
                "--data-dir", SimulatorFixtures.dataDir().toString());
        SimulateCommand nowhere = new SimulateCommand();
        new CommandLine(nowhere).parseArgs("--dry-run", "--data-dir", "/no/such/ember/data");
        SimulateCommand tooEarly = new SimulateCommand();
        new CommandLine(tooEarly).parseArgs("--dry-run", "--from", "2019-01", "--to", "2019-01",
                "--data-dir", SimulatorFixtures.dataDir().toString());

        assertThatThrownBy(backwards::call).isInstanceOf(UserError.class).hasMessageContaining("2025-05");
        assertThatThrownBy(nowhere::call).isInstanceOf(UserError.class).hasMessageContaining("/no/such/ember/data");
        assertThatThrownBy(tooEarly::call).isInstanceOf(UserError.class).hasMessageContaining("missing data file");
    }

    @Test
    void durationsAndMonthsAreParsedOrRefusedByPicocli() {
        SimulateCommand command = new SimulateCommand();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setErr(new PrintWriter(err));

        assertThat(cli.execute("--dry-run", "--for", "ninety seconds")).isEqualTo(2);
        assertThat(err.toString()).contains("not a duration");
        assertThat(cli.execute("--dry-run", "--from", "January")).isEqualTo(2);
        assertThat(err.toString()).contains("not a month");
    }
}
