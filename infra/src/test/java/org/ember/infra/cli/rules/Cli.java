package org.ember.infra.cli.rules;

import java.nio.file.Path;
import org.ember.infra.cli.CliRun;

/** Where the rule command tests find things, and how they run {@code ember …}. */
final class Cli {
    private Cli() {}

    /** The shared data directory the build points tests at. */
    static final String DATA_DIR = Path.of(System.getProperty("ember.data.dir", "../../shared/data")).toString();
    /** The checkout's rule and rule-test directories (tests run in infra/). */
    static final Path RULES = Path.of("../alert-rules/rules");
    static final Path RULE_TESTS = Path.of("../alert-rules/tests");

    /** Runs {@code ember …} in-process with its output captured. */
    static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
