package org.ember.geo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The weighted displacement quotient against hand-worked examples (Bowers and Johnson 2003). */
class DisplacementQuotientTest {

    @Test
    void diffusionOfBenefitWithAStableControl() {
        // Target 100 → 60, buffer 80 → 70, control 1000 → 1000.
        // SM = 60/1000 − 100/1000 = −0.04; DM = 70/1000 − 80/1000 = −0.01; WDQ = −0.01/−0.04 = 0.25.
        // TNE = (100·1 − 60) + (80·1 − 70) = 50.
        DisplacementQuotient q = new DisplacementQuotient(100, 60, 80, 70, 1000, 1000);
        assertThat(q.successMeasure()).isCloseTo(-0.04, within(1e-12));
        assertThat(q.displacementMeasure()).isCloseTo(-0.01, within(1e-12));
        assertThat(q.wdq()).isCloseTo(0.25, within(1e-12));
        assertThat(q.totalNetEffect()).isCloseTo(50, within(1e-9));
        assertThat(q.reading()).isEqualTo(DisplacementQuotient.Reading.DIFFUSION);
    }

    @Test
    void displacementWithAFallingControl() {
        // Target 50 → 30, buffer 40 → 36, control 500 → 400 (ratio 0.8).
        // SM = 30/400 − 50/500 = 0.075 − 0.1 = −0.025; DM = 36/400 − 40/500 = 0.09 − 0.08 = 0.01;
        // WDQ = 0.01/−0.025 = −0.4. TNE = (50·0.8 − 30) + (40·0.8 − 36) = 10 − 4 = 6.
        DisplacementQuotient q = new DisplacementQuotient(50, 30, 40, 36, 500, 400);
        assertThat(q.successMeasure()).isCloseTo(-0.025, within(1e-12));
        assertThat(q.displacementMeasure()).isCloseTo(0.01, within(1e-12));
        assertThat(q.wdq()).isCloseTo(-0.4, within(1e-12));
        assertThat(q.totalNetEffect()).isCloseTo(6, within(1e-9));
        assertThat(q.reading()).isEqualTo(DisplacementQuotient.Reading.DISPLACEMENT);
    }

    @Test
    void displacementBeyondTheDirectEffect() {
        // SM = 40/100 − 50/100 = −0.1; DM = 70/100 − 50/100 = 0.2; WDQ = −2.
        DisplacementQuotient q = new DisplacementQuotient(50, 40, 50, 70, 100, 100);
        assertThat(q.wdq()).isCloseTo(-2, within(1e-12));
        assertThat(q.reading()).isEqualTo(DisplacementQuotient.Reading.DISPLACEMENT_EXCEEDS_EFFECT);
    }

    @Test
    void noSuccessMeansNoQuotientAndSmallNumbersSaySo() {
        DisplacementQuotient worse = new DisplacementQuotient(50, 60, 40, 40, 100, 100);
        assertThat(worse.wdq()).isNaN();
        assertThat(worse.reading()).isEqualTo(DisplacementQuotient.Reading.NO_SUCCESS_IN_TARGET);
        DisplacementQuotient few = new DisplacementQuotient(50, 30, 3, 2, 100, 100);
        assertThat(few.reading()).isEqualTo(DisplacementQuotient.Reading.TOO_FEW);
        assertThatThrownBy(() -> new DisplacementQuotient(1, 1, 1, 1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
