package org.ember.infra.cli.rules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ember.infra.cli.EmberCli;

/** Runs {@code ember …} in-process with standard output and error captured. */
record Cli(int exitCode, String out, String err) {
    /** The shared data directory the build points tests at. */
    static final String DATA_DIR = Path.of(System.getProperty("ember.data.dir", "../../shared/data")).toString();
    /** The checkout's rule and rule-test directories (tests run in infra/). */
    static final Path RULES = Path.of("../alert-rules/rules");
    static final Path RULE_TESTS = Path.of("../alert-rules/tests");

    static Cli run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = EmberCli.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
