package org.ember.geo.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.ember.geo.fixtures.ReferenceTable;
import org.junit.jupiter.api.Test;

class StandardNormalTest {
    private static final ReferenceTable R_PNORM = ReferenceTable.load("pnorm_tails.csv");

    @Test
    void upperTailAgreesWithRPnormToTwelveSignificantDigits() {
        for (int r = 0; r < R_PNORM.size(); r++) {
            double z = R_PNORM.number(r, "z");
            double expected = R_PNORM.number(r, "upper");
            assertThat(StandardNormal.upperTail(z)).as("upper tail at z=%s", z)
                    .isCloseTo(expected, Offset.offset(Math.max(1e-300, Math.abs(expected) * 1e-12)));
        }
    }

    @Test
    void twoSidedPAgreesWithR() {
        for (int r = 0; r < R_PNORM.size(); r++) {
            double z = R_PNORM.number(r, "z");
            double expected = R_PNORM.number(r, "two_sided");
            assertThat(StandardNormal.twoSidedP(z)).as("two-sided p at z=%s", z)
                    .isCloseTo(expected, Offset.offset(Math.max(1e-300, Math.abs(expected) * 1e-12)));
        }
    }

    @Test
    void cdfAndUpperTailAreComplements() {
        for (double z = -5; z <= 5; z += 0.37) {
            assertThat(StandardNormal.cdf(z) + StandardNormal.upperTail(z)).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void nanStaysNan() {
        assertThat(StandardNormal.twoSidedP(Double.NaN)).isNaN();
    }
}
