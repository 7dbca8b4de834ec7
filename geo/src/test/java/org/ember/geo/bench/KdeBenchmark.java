package org.ember.geo.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ember.geo.density.DensityGrid;
import org.ember.geo.density.Extent;
import org.ember.geo.density.KernelDensity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Quartic KDE of 100,000 points (clustered around 50 centres in 20 km × 20 km) on a 50 m grid
 * (400 × 400 = 160,000 cells), bandwidth 300 m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KdeBenchmark {
    static final int POINTS = 100_000;

    double[] x;
    double[] y;
    final Extent extent = new Extent(0, 0, 20_000, 20_000);

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] centres = new double[50][2];
        for (double[] c : centres) {
            c[0] = 2_000 + random.nextDouble() * 16_000;
            c[1] = 2_000 + random.nextDouble() * 16_000;
        }
        x = new double[POINTS];
        y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double[] c = centres[random.nextInt(centres.length)];
            // Box-Muller-free spread: sum of uniforms, roughly normal with sd ≈ 600 m.
            x[i] = c[0] + (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 1_200;
            y[i] = c[1] + (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 1_200;
        }
    }

    @Benchmark
    public DensityGrid kde100kPoints() {
        return KernelDensity.estimate(x, y, extent, 50, 300);
    }
}
