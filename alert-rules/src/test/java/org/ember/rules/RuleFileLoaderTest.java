package org.ember.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ember.rules.testing.Yaml;
import org.junit.jupiter.api.Test;

class RuleFileLoaderTest {
    private static final String VALID = """
            groups:
              - name: knives
                labels: {team: vru}
                rules:
                  - name: weapon-reports
                    areas: {layer: lsoa}
                    when:
                      all:
                        - count{window=24h,feed=any,category=weapon} >= 2
                        - any:
                            - count{category=weapon,feed=ambulance,window=24h} >= 1
                            - count{window=24h,feed=ae,category=weapon} > 0
                    for: 1h30m
                    keep_firing_for: 2h
                    resolve: count{window=24h,feed=any,category=weapon} < 1
                    severity: critical
                    labels: {priority: 1}
                    annotations:
                      summary: "{{ .value }} weapon reports in {{ .area_name }}"
                      description: "{{ value \\"count{feed=any,window=7d,category=weapon}\\" }} this week"
                    cap: {category: Safety, urgency: Expected, certainty: Likely}
            """;

    @Test
    void aValidFileLoadsEveryPartOfTheLanguage() {
        RuleSet set = Yaml.rules(VALID);
        assertThat(set.version()).isZero();
        assertThat(set.contentHash()).hasSize(12);
        Rule rule = set.rules().get(0);
        assertThat(rule.group()).isEqualTo("knives");
        assertThat(rule.areas()).isEqualTo(AreaSelector.all("lsoa"));
        assertThat(rule.forMillis()).isEqualTo(90 * 60_000L);
        assertThat(rule.keepFiringForMillis()).isEqualTo(2 * 3_600_000L);
        assertThat(rule.when().comparisons()).extracting(Comparison::metric).containsExactly(
                "count{window=24h,feed=any,category=weapon}",
                "count{window=24h,feed=ambulance,category=weapon}",
                "count{window=24h,feed=ae,category=weapon}");
        assertThat(rule.primary().threshold()).isEqualTo(2);
        assertThat(rule.resolve().text()).isEqualTo("count{window=24h,feed=any,category=weapon} < 1");
        assertThat(rule.labels()).containsEntry("team", "vru").containsEntry("priority", "1");
        assertThat(rule.annotations().get("description"))
                .as("metric names in templates are stored canonically")
                .isEqualTo("{{ value \"count{window=7d,feed=any,category=weapon}\" }} this week");
        assertThat(rule.cap()).isEqualTo(new CapInfo("Safety", "Expected", "Likely"));
    }

    @Test
    void everyProblemIsReportedAtItsLineAndColumn() {
        List<String> problems = Yaml.problems("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lsoa, ids: [W01009999]}
                        when: count{window=2h,feed=any,category=weapon} >= 2
                        for: 10 minutes
                        severity: loud
                        colour: red
                        annotations:
                          summary: "in {{ .area_nme }} now"
                """);
        assertThat(problems).containsExactlyInAnyOrder(
                "rules.yaml:5:36: unknown LSOA 'W01009999': not a 2011 LSOA of the covered areas",
                "rules.yaml:6:15: label window='2h' of count is not one of [1h, 24h, 7d]",
                "rules.yaml:7:14: 'for' is '10 minutes', not a duration like 30m, 2h, 1h30m or 7d",
                "rules.yaml:8:19: 'severity' is 'loud'; expected one of [info, warning, critical]",
                "rules.yaml:9:9: unknown key 'colour'; known keys: [annotations, areas, cap, for, keep_firing_for, labels, name,"
                        + " resolve, severity, when]",
                "rules.yaml:11:24: unknown template variable 'area_nme'; known: [area_id, area_name, fired_at, for, group,"
                        + " keep_firing_for, lad, lad_name, layer, metric, rule, severity, since, threshold, value, why, window]");
    }

    @Test
    void unknownMetricsReservedLabelsAndWrongLayersAreRejected() {
        List<String> problems = Yaml.problems("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: cell}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        severity: info
                      - name: b
                        areas: {layer: lad, ids: [W06000099]}
                        when: tension_scor > 3
                        severity: info
                        labels: {lad: W06000015}
                """);
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("rules.yaml:6:15: metric count is not kept for layer cell");
        assertThat(problems).anyMatch(p -> p.startsWith("rules.yaml:9:35: unknown local authority 'W06000099'"));
        assertThat(problems).anyMatch(p -> p.startsWith("rules.yaml:10:15: unknown metric 'tension_scor'"));
        assertThat(problems).anyMatch(p -> p.startsWith("rules.yaml:12:18: label 'lad' is set by Ember itself"));
    }

    @Test
    void duplicateNamesAndDuplicateKeysAreErrors() {
        assertThat(Yaml.problems("""
                groups:
                  - name: g
                    rules:
                      - {name: a, areas: {layer: lad}, when: "count{window=1h,feed=any,category=any} > 1", severity: info}
                      - {name: a, areas: {layer: lad}, when: "count{window=1h,feed=any,category=any} > 2", severity: info}
                """)).containsExactly("rules.yaml:5:16: duplicate rule name 'a'");
        assertThat(Yaml.problems("""
                groups:
                  - name: g
                    name: h
                    rules: []
                """)).singleElement().asString().startsWith("rules.yaml:3:").contains("Duplicate field 'name'");
    }

    @Test
    void aConditionMustBeAComparisonOrAllOrAny() {
        assertThat(Yaml.problems("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lad}
                        when: {every: ["count{window=1h,feed=any,category=any} > 1"]}
                        severity: info
                      - name: b
                        areas: {layer: lad}
                        when: count{window=1h,feed=any,category=any} more than 2
                        severity: info
                """)).containsExactly(
                "rules.yaml:6:16: unknown key 'every' in a condition; use 'all' or 'any'",
                "rules.yaml:10:15: 'count{window=1h,feed=any,category=any} more than 2' needs an operator (>, >=, <, <=, ==, !=)"
                        + " and a number after the metric");
    }

    @Test
    void theStateKeyChangesWithTheConditionButNotWithTheWording() {
        String base = """
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lad}
                        when: count{window=1h,feed=any,category=any} > %d
                        severity: info
                        annotations: {summary: "%s"}
                """;
        Rule original = Yaml.rules(base.formatted(1, "old words")).rules().get(0);
        Rule reworded = Yaml.rules(base.formatted(1, "new words")).rules().get(0);
        Rule retuned = Yaml.rules(base.formatted(2, "old words")).rules().get(0);
        assertThat(reworded.stateKey()).isEqualTo(original.stateKey());
        assertThat(retuned.stateKey()).isNotEqualTo(original.stateKey()).startsWith("a@");
    }

    @Test
    void theContentHashIgnoresDirectoriesButNotContents() {
        List<SourceFile> here = List.of(new SourceFile("a/rules.yaml", VALID));
        List<SourceFile> there = List.of(new SourceFile("b/c/rules.yaml", VALID));
        List<SourceFile> changed = List.of(new SourceFile("a/rules.yaml", VALID.replace(">= 2", ">= 3")));
        assertThat(RuleFileLoader.contentHash(here)).isEqualTo(RuleFileLoader.contentHash(there))
                .isNotEqualTo(RuleFileLoader.contentHash(changed));
    }
}
