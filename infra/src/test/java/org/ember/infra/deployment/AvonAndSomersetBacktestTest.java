package org.ember.infra.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ember.infra.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ember backtest --deployment avon-and-somerset --from 2025-01 --to 2025-04}: the real
 * police.uk rows of Avon and Somerset (2021 LSOA codes, mapped to the 2011 boundaries) replayed
 * with the deployment's own rules raise alerts in every one of its five spokes.
 */
class AvonAndSomersetBacktestTest {
    static final Path DEPLOYMENT = Path.of("../deployments/avon-and-somerset").toAbsolutePath().normalize();

    @TempDir
    Path out;

    @Test
    void fourMonthsOfAvonAndSomersetAlertInAllFiveSpokes() throws Exception {
        CliRun run = CliRun.of("backtest", "--deployment", DEPLOYMENT.toString(), "--from", "2025-01", "--to", "2025-04",
                "--data-dir", org.ember.jobs.testing.TestFeeds.dataDir().toString(), "--out", out.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("WARNING").contains("avon-and-somerset_partial");
        List<String> rows = Files.readAllLines(out.resolve("alerts.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int lad = header.indexOf("lad");
        Set<String> lads = rows.stream().skip(1).map(r -> r.split(",")[lad]).collect(Collectors.toSet());
        // BANES, Bristol, North Somerset, South Gloucestershire, and Somerset (any of its five districts).
        assertThat(lads).contains("E06000022", "E06000023", "E06000024", "E06000025");
        assertThat(lads).containsAnyOf("E07000187", "E07000188", "E07000189", "E07000190", "E07000191");
    }
}
