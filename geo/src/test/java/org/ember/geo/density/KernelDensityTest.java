package org.ember.geo.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelDensityTest {
    @Test
    void surfaceIntegratesToTheNumberOfEventsOnAFineGrid() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 200 + random.nextDouble() * 600;
            y[i] = 200 + random.nextDouble() * 600;
        }
        DensityGrid grid = KernelDensity.estimate(x, y, new Extent(0, 0, 1000, 1000), 2, 60);
        assertThat(grid.columns()).isEqualTo(500);
        assertThat(grid.integral()).isCloseTo(n, within(n * 1e-3));
    }

    @Test
    void valueAtACellCentreIsTheQuarticKernelComputedByHand() {
        // One event at (10.5, 10.5), h = 10, cells of 1 over [0, 20]²: cell (15, 10) is centred on
        // (15.5, 10.5), 5 away: K = 3/(π·100)·(1 − 25/100)² = 3·0.5625/(100π).
        DensityGrid grid = KernelDensity.estimate(new double[] {10.5}, new double[] {10.5},
                new Extent(0, 0, 20, 20), 1, 10);
        assertThat(grid.centreX(15)).isEqualTo(15.5);
        assertThat(grid.centreY(10)).isEqualTo(10.5);
        assertThat(grid.value(15, 10)).isCloseTo(3 * 0.5625 / (100 * Math.PI), within(1e-15));
        assertThat(grid.value(10, 10)).isCloseTo(3 / (100 * Math.PI), within(1e-15));
        // (0.5, 10.5) is exactly h away: the kernel is 0 from d = h on.
        assertThat(grid.value(0, 10)).isZero();
        assertThat(grid.value(10, 19)).isCloseTo(3 / (100 * Math.PI) * Math.pow(1 - 81.0 / 100, 2), within(1e-15));
    }

    @Test
    void densitiesAddUpOverEventsAndIncludeEventsOutsideTheExtent() {
        double[] x = {5, 5, 12};
        double[] y = {5, 5, 5};
        DensityGrid grid = KernelDensity.estimate(x, y, new Extent(0, 0, 10, 10), 1, 4);
        // Cell (4, 4) centre (4.5, 4.5): two events at distance √0.5, the third (12, 5) is 7.5 away (out of reach).
        double one = 3 / (16 * Math.PI) * Math.pow(1 - 0.5 / 16, 2);
        assertThat(grid.value(4, 4)).isCloseTo(2 * one, within(1e-15));
        // Cell (9, 4) centre (9.5, 4.5): (12, 5) is √6.5 away, the others √20.5 (beyond 4).
        assertThat(grid.value(9, 4)).isCloseTo(3 / (16 * Math.PI) * Math.pow(1 - 6.5 / 16, 2), within(1e-15));
    }

    @Test
    void gridCoversTheExtentWithWholeCells() {
        DensityGrid grid = KernelDensity.estimate(new double[] {0}, new double[] {0}, new Extent(0, 0, 10.5, 3), 1, 1);
        assertThat(grid.columns()).isEqualTo(11);
        assertThat(grid.rows()).isEqualTo(3);
    }

    @Test
    void defaultBandwidthOnASymmetricSquareUsesTheStandardDistance() {
        // Corners of a 4 × 3 rectangle: mean centre (2, 1.5), every point 2.5 from it, so
        // SD = √((4·4 + 4·2.25)/4) = 2.5 and Dm = 2.5; √(1/ln 2)·2.5 ≈ 3.0 > SD, so
        // h = 0.9 · 2.5 · 4^(−0.2) ≈ 1.70518.
        double h = DefaultBandwidth.of(new double[] {0, 4, 0, 4}, new double[] {0, 0, 3, 3});
        assertThat(h).isCloseTo(0.9 * 2.5 * Math.pow(4, -0.2), within(1e-12));
        assertThat(h).isCloseTo(1.70518, within(1e-5));
    }

    @Test
    void defaultBandwidthWithAnOutlierUsesTheMedianDistance() {
        // x = 0, 0, 0, 0, 10 on a line: mean 2, distances 2, 2, 2, 2, 8: Dm = 2, SD = √(80/5) = 4.
        // √(1/ln 2)·2 ≈ 2.4022 < 4, so h = 0.9 · 2.4022 · 5^(−0.2) ≈ 1.56699.
        double h = DefaultBandwidth.of(new double[] {0, 0, 0, 0, 10}, new double[] {0, 0, 0, 0, 0});
        assertThat(h).isCloseTo(0.9 * Math.sqrt(1 / Math.log(2)) * 2 * Math.pow(5, -0.2), within(1e-12));
        assertThat(h).isCloseTo(1.56699, within(1e-5));
    }

    @Test
    void rejectsDegenerateInput() {
        assertThatThrownBy(() -> DefaultBandwidth.of(new double[] {1, 1, 1}, new double[] {2, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spread");
        assertThatThrownBy(() -> KernelDensity.estimate(new double[] {0}, new double[] {0}, new Extent(0, 0, 1, 1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Extent(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
