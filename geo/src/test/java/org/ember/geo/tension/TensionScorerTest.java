package org.ember.geo.tension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensionScorerTest {
    private final TensionScorer scorer = new TensionScorer(TensionSettings.defaults());

    @Test
    void aStabbingNearbyWithCriticalIntelligenceIsHighAndSaysWhy() {
        TensionScore score = scorer.score(List.of(
                new TensionInput(TensionSettings.NEAR_REPEAT, 1.5, "1 serious incident", List.of("LI-police:CR-1")),
                new TensionInput(TensionSettings.INTEL, 0.8, "1 tension report", List.of("intel:IR-2")),
                new TensionInput(TensionSettings.HOT_CELLS, 0, "no hot cell", List.of()),
                new TensionInput("unknown_signal", 99, "not configured", List.of())));

        assertThat(score.score()).isCloseTo(2 * 1.5 + 1.5 * 0.8, within(1e-12));
        assertThat(score.level()).isEqualTo("high");
        assertThat(score.levelIndex()).isEqualTo(2);
        assertThat(score.contributions()).extracting(TensionContribution::signal).containsExactly("near_repeat", "intel");
        assertThat(score.contributions().get(0).evidence()).containsExactly("LI-police:CR-1");
        assertThat(score.contributions().get(0).points()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void capsLimitOneSignalAndReassuranceCannotMakeTheScoreNegative() {
        TensionScore capped = scorer.score(List.of(new TensionInput(TensionSettings.CLUSTER, 50, "", List.of())));
        assertThat(capped.score()).isCloseTo(0.2 * 10, within(1e-12));
        TensionScore calm = scorer.score(List.of(new TensionInput(TensionSettings.INTEL, -0.5, "", List.of())));
        assertThat(calm.score()).isZero();
        assertThat(calm.level()).isEqualTo("low");
    }

    @Test
    void levelsComeFromConfigurationAndChangesBelowTheMinimumAreNotWorthPublishing() {
        TensionScorer custom = new TensionScorer(TensionSettings.defaults().withLevels(List.of(new TensionLevel("green", 0),
                new TensionLevel("amber", 1), new TensionLevel("red", 2))));
        TensionScore a = custom.score(List.of(new TensionInput(TensionSettings.NEAR_REPEAT, 0.55, "", List.of())));
        TensionScore b = custom.score(List.of(new TensionInput(TensionSettings.NEAR_REPEAT, 0.58, "", List.of())));
        TensionScore c = custom.score(List.of(new TensionInput(TensionSettings.NEAR_REPEAT, 0.45, "", List.of())));
        assertThat(a.level()).isEqualTo("amber");
        assertThat(custom.changed(a, b)).isFalse();
        assertThat(custom.changed(a, c)).as("amber to green").isTrue();
        assertThat(custom.changed(null, a)).isTrue();
        TensionScore tiny = custom.score(List.of(new TensionInput(TensionSettings.NEAR_REPEAT, 0.02, "", List.of())));
        TensionScore none = custom.score(List.of());
        assertThat(custom.changed(tiny, none)).as("back to nothing is always told").isTrue();
        assertThat(custom.changed(none, custom.score(List.of()))).isFalse();
    }
}
