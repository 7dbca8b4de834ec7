package org.ember.infra.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.infra.cli.CliRun;
import org.ember.jobs.testing.TestFeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ember deployment check}: both shipped deployments pass; a broken one fails at its line and column. */
class DeploymentCheckCommandTest {
    static final Path SHIPPED = Path.of("../deployments").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void bothShippedDeploymentsPass() {
        for (String name : new String[] {"south-wales-gwent", "avon-and-somerset"}) {
            CliRun run = CliRun.of("deployment", "check", "--deployment", SHIPPED.resolve(name).toString(),
                    "--data-dir", TestFeeds.dataDir().toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("deployment " + name + " is ready").contains("spoke").contains("rules");
        }
    }

    @Test
    void aBrokenDeploymentFailsWithFileLineColumnAndNoStackTrace() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("broken"));
        Path shipped = SHIPPED.resolve("avon-and-somerset");
        String text = Files.readString(shipped.resolve("deployment.yaml"))
                .replace("lads: [E06000024]", "lads: [E06000099]")
                .replace("rules: rules", "rules: " + shipped.resolve("rules"))
                .replace("rule_tests: tests", "rule_tests: " + shipped.resolve("tests"))
                .replace("routing: routing", "routing: " + shipped.resolve("routing"))
                .replace("routing_tests: routing/tests", "routing_tests: " + shipped.resolve("routing/tests"));
        Files.writeString(dir.resolve("deployment.yaml"), text);
        int line = text.substring(0, text.indexOf("E06000099")).split("\n", -1).length;
        CliRun run = CliRun.of("deployment", "check", "--deployment", dir.toString(), "--data-dir",
                TestFeeds.dataDir().toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(dir.resolve("deployment.yaml") + ":" + line + ":")
                .contains("unknown local authority E06000099")
                .contains("has no LSOA boundary file")
                .contains("spoke 'north-somerset' has no route")
                .doesNotContain("Exception");
    }
}
