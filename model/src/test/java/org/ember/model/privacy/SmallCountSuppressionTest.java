package org.ember.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small-count rule. Kept in the console module's tests because the console is its first user;
 * the rule itself lives in model.
 */
class SmallCountSuppressionTest {
    private final SmallCountSuppression byDefault = SmallCountSuppression.byDefault();

    @Test
    void theDefaultThresholdIsFiveAsDomainNotesSay() {
        assertThat(byDefault.threshold()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void countsFromOneToFourAreHiddenByDefault(long count) {
        assertThat(byDefault.suppresses(count)).isTrue();
        assertThat(byDefault.shown(count)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5, 6, 12, 1_000_000})
    void zeroAndCountsFromTheThresholdUpAreShownAsTheyAre(long count) {
        assertThat(byDefault.suppresses(count)).isFalse();
        assertThat(byDefault.shown(count)).isEqualTo(OptionalLong.of(count));
    }

    @Test
    void thresholdOneSuppressesNothing() {
        SmallCountSuppression off = new SmallCountSuppression(1);
        for (long count = 0; count < 20; count++) {
            assertThat(off.shown(count)).hasValue(count);
        }
    }

    @Test
    void aHigherThresholdHidesMore() {
        SmallCountSuppression health = new SmallCountSuppression(8);
        assertThat(health.suppresses(7)).isTrue();
        assertThat(health.suppresses(8)).isFalse();
        assertThat(byDefault.suppresses(7)).isFalse();
    }

    @Test
    void rejectsThresholdsBelowOneAndNegativeCounts() {
        assertThatThrownBy(() -> new SmallCountSuppression(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SmallCountSuppression(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> byDefault.suppresses(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    /** Property: for any threshold and count, hidden exactly when 1 ≤ count < threshold, else shown unchanged. */
    @RepeatedTest(20)
    void hidesExactlyTheCountsBetweenOneAndTheThreshold(RepetitionInfo repetition) {
        Random random = new Random(20_260_301L + repetition.getCurrentRepetition());
        int threshold = 1 + random.nextInt(20);
        SmallCountSuppression rule = new SmallCountSuppression(threshold);
        for (int i = 0; i < 500; i++) {
            long count = random.nextInt(4) == 0 ? random.nextInt(threshold + 2) : random.nextInt(10_000);
            boolean expectedHidden = count >= 1 && count < threshold;
            assertThat(rule.suppresses(count)).as("threshold %d, count %d", threshold, count).isEqualTo(expectedHidden);
            if (expectedHidden) {
                assertThat(rule.shown(count)).isEmpty();
            } else {
                assertThat(rule.shown(count)).hasValue(count);
            }
        }
    }
}
