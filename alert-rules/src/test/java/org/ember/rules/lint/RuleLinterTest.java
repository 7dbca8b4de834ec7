package org.ember.rules.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.SourceFile;
import org.ember.rules.testing.TestAreas;
import org.junit.jupiter.api.Test;

class RuleLinterTest {
    private static List<String> lint(String yaml, RouteCheck routes) {
        RuleFileLoader.Checked checked = new RuleFileLoader(new TestAreas()).check(List.of(new SourceFile("r.yaml", yaml)), 0);
        assertThat(checked.problems()).isEmpty();
        return new RuleLinter(new TestAreas(), routes).lint(checked.sources()).stream().map(RuleFileProblem::toString).toList();
    }

    @Test
    void aCleanRuleHasNoFindings() {
        assertThat(lint("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 5
                        resolve: count{window=24h,feed=any,category=weapon} < 3
                        for: 2h
                        severity: info
                """, null)).isEmpty();
    }

    @Test
    void findsDuplicatesForLongerThanTheWindowAndAnOverlappingResolve() {
        List<String> findings = lint("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lsoa}
                        when: count{window=1h,feed=any,category=weapon} >= 5
                        for: 3h
                        resolve: count{window=1h,feed=any,category=weapon} < 7
                        severity: info
                      - name: b
                        areas: {layer: lsoa}
                        when: count{window=1h,feed=any,category=weapon} >= 5
                        for: 3h
                        resolve: count{window=1h,feed=any,category=weapon} < 7
                        severity: warning
                      - name: c
                        areas: {layer: lad}
                        when:
                          any:
                            - count{window=24h,feed=police,category=any} > 1
                            - count{window=24h,feed=police,category=any} > 1
                        severity: info
                """, null);
        assertThat(findings).anyMatch(f -> f.startsWith("r.yaml:7:9: warning: 'for' is 3h, longer than the 1h window"));
        assertThat(findings).anyMatch(f -> f.startsWith("r.yaml:8:9: warning: the resolve condition is not stricter")
                && f.contains("count{window=1h,feed=any,category=weapon} = 5"));
        assertThat(findings).anyMatch(f -> f.startsWith("r.yaml:10:9: warning: rule 'b' has the same areas, conditions and"
                + " timing as rule 'a' (r.yaml:4)"));
        assertThat(findings).anyMatch(f -> f.startsWith("r.yaml:18:9: warning:") && f.contains("appears twice in the same any"));
    }

    @Test
    void theOverlapSearchFindsOnlyRealOverlaps() {
        RuleFileLoader.Checked checked = new RuleFileLoader().check(List.of(new SourceFile("r.yaml", """
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lad}
                        when: {all: ["count{window=24h,feed=any,category=any} >= 5", "count{window=1h,feed=any,category=any} > 0"]}
                        resolve: {any: ["count{window=24h,feed=any,category=any} < 5", "count{window=1h,feed=any,category=any} == 0"]}
                        severity: info
                """)), 0);
        var rule = checked.ruleSet().rules().get(0);
        assertThat(RuleLinter.overlap(rule.when(), rule.resolve())).as("resolve is exactly 'not when'").isNull();
    }

    @Test
    void reportsAlertsNoRouteWouldDeliverPerLocalAuthority() {
        RouteCheck onlyCardiff = labels -> TestAreas.CARDIFF.equals(labels.get("lad")) ? null : "no route matches lad";
        List<String> findings = lint("""
                groups:
                  - name: g
                    rules:
                      - name: a
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 5
                        severity: info
                """, onlyCardiff);
        assertThat(findings).containsExactly("r.yaml:4:9: warning: no route would deliver alerts of rule 'a' in "
                + TestAreas.SWANSEA + " (no route matches lad)");
    }
}
