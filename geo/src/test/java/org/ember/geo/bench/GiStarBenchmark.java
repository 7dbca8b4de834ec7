package org.ember.geo.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.hotspot.GiOptions;
import org.ember.geo.hotspot.HotSpot;
import org.ember.geo.neighbours.NeighbourList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Gi* on 100,489 cells (a 317 × 317 grid of 100 m cells, random counts), distance band 250 m
 * (20 neighbours per inner cell): with and without building the neighbour lists.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GiStarBenchmark {
    static final int SIDE = 317;
    static final double BAND = 250;

    double[] x;
    double[] y;
    double[] values;
    NeighbourList neighbours;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        int n = SIDE * SIDE;
        x = new double[n];
        y = new double[n];
        values = new double[n];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                int k = i * SIDE + j;
                x[k] = i * 100 + 50;
                y[k] = j * 100 + 50;
                values[k] = random.nextInt(6);
            }
        }
        neighbours = NeighbourList.withinDistance(x, y, BAND);
    }

    /** Distance band neighbours plus Gi*: what `ember stats gi-star` does after reading. */
    @Benchmark
    public List<HotSpot> neighboursAndGiStar() {
        return GetisOrd.compute(values, NeighbourList.withinDistance(x, y, BAND), GiOptions.giStar());
    }

    /** Gi* alone with prebuilt neighbours (e.g. recomputing as counts change). */
    @Benchmark
    public List<HotSpot> giStarOnly() {
        return GetisOrd.compute(values, neighbours, GiOptions.giStar());
    }
}
