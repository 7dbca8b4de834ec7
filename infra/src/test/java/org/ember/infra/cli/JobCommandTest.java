package org.ember.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.ember.jobs.area.RetiredCheckpoints;
import org.ember.jobs.testing.TestFeeds;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobCommandTest {

    @Test
    void productionModeWithoutTheKeyStopsAtStartWithOneClearLine() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new JobCommand(Map.of()))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setErr(new PrintWriter(err, true))
                .execute("--production", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("EMBER_PSEUDONYM_KEY is not set").doesNotContain("Exception");
    }

    @Test
    void aClusterSubmissionOfACheckpointOfTheSeparateCountsAndRulesOperatorsIsRefusedBeforeTheUpload(@TempDir Path dir)
            throws Exception {
        Path checkpoint = RetiredCheckpoints.write(dir.resolve("chk-3"), "area-counts", "rule-evaluation");
        StringWriter err = new StringWriter();
        // No cluster is running: the refusal comes before the cluster is looked for.
        int status = new CommandLine(new JobCommand(Map.of()))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setErr(new PrintWriter(err, true))
                .execute("--cluster", "--from-savepoint", checkpoint.toUri().toString(),
                        "--data-dir", TestFeeds.dataDir().toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("area-counts (hourly counts per area").contains("Start the job afresh")
                .doesNotContain("Exception").doesNotContain("no cluster is up");
    }
}
