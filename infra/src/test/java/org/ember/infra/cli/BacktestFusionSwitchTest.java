package org.ember.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay leaves the fusion stage out exactly when the rules read nothing fusion publishes. */
class BacktestFusionSwitchTest {
    @TempDir
    Path dir;

    private RuleSet rules(String when) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), """
                groups:
                  - name: g
                    rules:
                      - name: r
                        areas: {layer: lad}
                        when: %s
                        severity: warning
                """.formatted(when));
        return new RuleFileLoader().load(dir);
    }

    @Test
    void countOnlyRulesReplayWithoutFusion() throws Exception {
        RuleSet countOnly = rules("count{window=24h,feed=any,category=weapon} >= 2");
        assertThat(countOnly.metricFamilies()).containsExactly("count");
        assertThat(BacktestCommand.fusionFor(countOnly)).isNull();
    }

    @Test
    void rulesReadingTensionKeepFusion() throws Exception {
        RuleSet tension = rules("tension_score >= 0.5");
        assertThat(tension.metricFamilies()).containsExactly("tension_score");
        assertThat(BacktestCommand.fusionFor(tension)).isNotNull();
    }
}
