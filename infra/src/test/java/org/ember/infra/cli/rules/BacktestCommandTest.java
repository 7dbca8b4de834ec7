package org.ember.infra.cli.rules;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ember backtest} on a short stretch of real history (one week of Gwent), two rule directories compared. */
class BacktestCommandTest {
    @TempDir
    Path dir;

    @Test
    void aWeekOfHistoryIsReplayedThroughTheJobAndBothRuleDirectoriesAreReportedSideBySide() throws Exception {
        Path strict = Files.createDirectories(dir.resolve("strict"));
        Path loose = Files.createDirectories(dir.resolve("loose"));
        String rule = """
                groups:
                  - name: g
                    rules:
                      - name: violence-in-neighbourhood
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=violence} >= %d
                        severity: warning
                """;
        Files.writeString(strict.resolve("rules.yaml"), rule.formatted(4));
        Files.writeString(loose.resolve("rules.yaml"), rule.formatted(2));
        Path out = dir.resolve("report");

        CliRun run = Cli.run("backtest", "--rules", strict.toString(), "--compare", loose.toString(), "--from", "2025-03-03",
                "--to", "2025-03-09", "--force", "gwent", "--horizon", "3d", "--out", out.toString(), "--data", Cli.DATA_DIR,
                "--no-progress", "--parallelism", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("History: \\d+ records of police,ambulance,ae,navigator,intel from 2025-03-03"
                + " to 2025-03-09 \\(gwent\\)").contains("Rules " + strict).contains("Rules " + loose)
                .contains("Report: " + out.resolve("summary.csv"));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo(
                "rules,rule,alerts,areas,median_firing_hours,total_firing_hours,hits,hit_rate,captured_share,flagged_share,pai");
        int strictAlerts = alerts(summary, strict);
        int looseAlerts = alerts(summary, loose);
        assertThat(looseAlerts).as("a lower threshold fires at least as often").isGreaterThanOrEqualTo(strictAlerts).isPositive();
        List<String> alerts = Files.readAllLines(out.resolve("alerts.csv"));
        assertThat(alerts).hasSize(1 + strictAlerts + looseAlerts);
        assertThat(alerts.subList(1, alerts.size())).allSatisfy(line -> assertThat(line).contains(",lsoa,W01").contains(",W06"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("<small>strict</small>").contains("<small>loose</small>");
    }

    private static int alerts(List<String> summary, Path rules) {
        return summary.stream().filter(l -> l.startsWith(rules + ",violence-in-neighbourhood,"))
                .map(l -> Integer.parseInt(l.split(",")[2])).findFirst().orElseThrow();
    }
}
