package org.ember.geo.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ember.geo.neighbours.NeighbourList;
import org.junit.jupiter.api.Test;

class GetisOrdTest {
    /** Five cells in a row, 1 apart; band 1 makes each cell's neighbours the cells beside it. */
    private static final double[] X = {0, 1, 2, 3, 4};
    private static final double[] Y = {0, 0, 0, 0, 0};

    @Test
    void giStarByHandOnFiveCells() {
        double[] values = {0, 0, 1, 5, 9};
        List<HotSpot> result = GetisOrd.compute(values, NeighbourList.withinDistance(X, Y, 1), GiOptions.giStar());
        // Cell 4: members {3, 4}, lag 14, W = 2, S1 = 2, mean 3, s² = (9+9+4+4+36)/5 = 12.4,
        // var = 12.4·(5·2 − 4)/4 = 18.6, z = (14 − 6)/√18.6.
        assertThat(result.get(4).z()).isCloseTo(8 / Math.sqrt(18.6), within(1e-12));
        // Cell 0: members {0, 1}, lag 0: z = −6/√18.6.
        assertThat(result.get(0).z()).isCloseTo(-6 / Math.sqrt(18.6), within(1e-12));
    }

    @Test
    void giWithoutSelfByHand() {
        double[] values = {0, 0, 1, 5, 9};
        List<HotSpot> result = GetisOrd.compute(values, NeighbourList.withinDistance(X, Y, 1),
                GiOptions.giStar().withSelf(false));
        // Cell 4: others {0,0,1,5}: mean 1.5, variance (0+0+1+25)/4 − 2.25 = 4.25; neighbour {3}: lag 5,
        // W = 1, S1 = 1, var = 4.25·(4·1 − 1)/3 = 4.25, z = (5 − 1.5)/√4.25.
        assertThat(result.get(4).z()).isCloseTo(3.5 / Math.sqrt(4.25), within(1e-12));
    }

    @Test
    void constantValuesGiveUndefinedZAndNoBin() {
        List<HotSpot> result = GetisOrd.compute(new double[] {2, 2, 2, 2, 2}, NeighbourList.withinDistance(X, Y, 1),
                GiOptions.giStar());
        assertThat(result).allSatisfy(h -> {
            assertThat(h.z()).isNaN();
            assertThat(h.bin()).isZero();
        });
    }

    @Test
    void isolatedFeatureHasNoGiButHasGiStar() {
        double[] x = {0, 1, 2, 100};
        double[] y = {0, 0, 0, 0};
        NeighbourList nb = NeighbourList.withinDistance(x, y, 1.5);
        double[] values = {1, 2, 3, 4};
        assertThat(GetisOrd.compute(values, nb, GiOptions.giStar().withSelf(false)).get(3).z()).isNaN();
        assertThat(GetisOrd.compute(values, nb, GiOptions.giStar()).get(3).z()).isFinite();
    }

    @Test
    void binThresholdsAreInclusiveAndSigned() {
        assertThat(ConfidenceBin.of(3.0, 0.01)).isEqualTo(3);
        assertThat(ConfidenceBin.of(-2.0, 0.0100001)).isEqualTo(-2);
        assertThat(ConfidenceBin.of(1.7, 0.10)).isEqualTo(1);
        assertThat(ConfidenceBin.of(1.0, 0.3)).isZero();
        assertThat(ConfidenceBin.of(Double.NaN, Double.NaN)).isZero();
    }

    @Test
    void rejectsMismatchedInput() {
        NeighbourList nb = NeighbourList.withinDistance(X, Y, 1);
        assertThatThrownBy(() -> GetisOrd.compute(new double[] {1, 2, 3}, nb, GiOptions.giStar()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
