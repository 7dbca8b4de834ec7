package org.ember.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
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
}
