package org.ember.rules.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ember.rules.testing.TestAreas.BUTETOWN;
import static org.ember.rules.testing.TestAreas.CARDIFF;
import static org.ember.rules.testing.TestAreas.CASTLE;
import static org.ember.rules.testing.TestAreas.CATHAYS;
import static org.ember.rules.testing.TestAreas.SWANSEA;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.rules.RuleSet;
import org.ember.rules.testing.TestAreas;
import org.ember.rules.testing.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestScorerTest {
    private static final long DAY = 86_400_000L;
    private static final long FROM = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
    private static final long TO = FROM + 10 * DAY;
    private static final RuleSet RULES = Yaml.rules("""
            groups:
              - name: g
                rules:
                  - {name: local, areas: {layer: lsoa}, when: "count{window=24h,feed=any,category=weapon} >= 2", severity: info}
                  - {name: wide, areas: {layer: lad}, when: "count{window=7d,feed=any,category=weapon} >= 9", severity: info}
                  - {name: silent, areas: {layer: lad}, when: "count{window=1h,feed=any,category=any} >= 99", severity: info}
            """);

    private static Alert alert(String rule, String layer, String area, String state, long episode, long at) {
        return new Alert(rule + area + episode, rule, state, "info", layer, area, area, null, episode, at, "m", 0, 0, "",
                Map.of(), Map.of());
    }

    @Test
    void hitRateAndSpaceTimePaiFollowFromTheirDefinitions() {
        long t1 = FROM + DAY;
        long t2 = FROM + 5 * DAY;
        List<Alert> transitions = List.of(
                alert("local", "lsoa", CATHAYS, Alert.FIRING, t1, t1),
                alert("local", "lsoa", CATHAYS, Alert.RESOLVED, t1, t1 + DAY / 2),
                alert("local", "lsoa", CASTLE, Alert.FIRING, t2, t2),
                alert("wide", "lad", CARDIFF, Alert.FIRING, t2, t2));
        List<SeriousIncident> serious = List.of(
                new SeriousIncident(CATHAYS, CARDIFF, t1 - 1000),        // before the alert: the cause, not a hit
                new SeriousIncident(CATHAYS, CARDIFF, t1 + DAY),         // hit for local@Cathays (horizon 2 days)
                new SeriousIncident(BUTETOWN, CARDIFF, t2 + DAY),        // hit for wide@Cardiff only
                new SeriousIncident(CASTLE, SWANSEA, t2 + 3 * DAY));     // after the horizon
        BacktestReport report = new BacktestScorer(new TestAreas()).score("rules", RULES, transitions, serious, FROM, TO,
                2 * DAY, 1234, 99);

        RuleScore local = report.rule("local");
        assertThat(local.alerts()).isEqualTo(2);
        assertThat(local.hits()).isEqualTo(1);
        assertThat(local.hitRate()).isEqualTo(0.5);
        assertThat(local.medianHours()).as("12 h and 5 days (still firing at the end)").isEqualTo((12 + 120) / 2.0);
        // Flagged: two LSOA-windows of 2 days out of 3 LSOAs × 10 days; captured: 1 of 4.
        assertThat(local.flaggedShare()).isCloseTo(4.0 / 30, within(1e-9));
        assertThat(local.captured()).isEqualTo(0.25);
        assertThat(local.pai()).isCloseTo(0.25 / (4.0 / 30), within(1e-9));

        RuleScore wide = report.rule("wide");
        assertThat(wide.hits()).isEqualTo(1);
        assertThat(wide.flaggedShare()).as("a Cardiff alert flags both Cardiff LSOAs").isCloseTo(4.0 / 30, within(1e-9));
        assertThat(report.rule("silent").alerts()).isZero();
        assertThat(report.rule("silent").pai()).isNaN();
        assertThat(report.rule(BacktestReport.ALL_RULES).alerts()).isEqualTo(3);
        assertThat(report.rule(BacktestReport.ALL_RULES).captured()).isEqualTo(0.5);
        assertThat(report.episodes()).filteredOn(e -> e.rule().equals("local")).extracting(Episode::resolvedAt)
                .containsExactly(t1 + DAY / 2, -1L);
    }

    @Test
    void theReportFilesShowBothRuleDirectoriesSideBySide(@TempDir Path out) throws Exception {
        BacktestScorer scorer = new BacktestScorer(new TestAreas());
        BacktestReport a = scorer.score("rules/a", RULES, List.of(), List.of(), FROM, TO, DAY, 10, 5);
        BacktestReport b = scorer.score("rules/b", RULES, List.of(alert("local", "lsoa", CATHAYS, Alert.FIRING, FROM, FROM)),
                List.of(), FROM, TO, DAY, 10, 5);
        List<Path> files = BacktestReportWriter.write(out, a, b);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("summary.csv", "alerts.csv", "report.html");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary).hasSize(1 + 2 * 4).contains("rules/b,local,1,1,240.0000,240.0000,0,0.0000,,0.0333,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<small>a</small>").contains("<small>b</small>");
        assertThat(Files.readAllLines(out.resolve("alerts.csv"))).hasSize(2);
    }
}
