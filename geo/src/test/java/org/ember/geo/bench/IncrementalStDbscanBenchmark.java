package org.ember.geo.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ember.geo.cluster.ClusterUpdate;
import org.ember.geo.cluster.IncrementalStDbscan;
import org.ember.geo.cluster.SpaceTimeNeighbourhood;
import org.ember.geo.cluster.StPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one stream step of {@link IncrementalStDbscan}: one event arrives and the 28-day horizon
 * slides to its time (expiring what fell out). Events arrive 0.005 days apart (≈ 200 a day, so
 * ≈ 5,600 live events), 70% around 30 city-centre hot places (sd 150 m) in 10 km × 10 km, the rest
 * uniform; eps 100 m, epsTime 3 days, minPts 5 — a busy force's violence feed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IncrementalStDbscanBenchmark {
    static final double HORIZON_DAYS = 28;
    static final double GAP_DAYS = 0.005;

    @Param({"5"})
    int minPts;

    IncrementalStDbscan clusters;
    SplittableRandom random;
    double[][] places;
    long nextId;
    double now;

    @Setup
    public void setUp() {
        random = new SplittableRandom(3);
        places = new double[30][2];
        for (double[] p : places) {
            p[0] = random.nextDouble() * 10_000;
            p[1] = random.nextDouble() * 10_000;
        }
        clusters = new IncrementalStDbscan(new SpaceTimeNeighbourhood(100, 3), minPts);
        // Fill the horizon first so that every measured step works on a full window.
        while (now < HORIZON_DAYS) {
            step();
        }
    }

    @Benchmark
    public ClusterUpdate addAndExpire() {
        return step();
    }

    private ClusterUpdate step() {
        now += GAP_DAYS;
        double x;
        double y;
        if (random.nextDouble() < 0.7) {
            double[] p = places[random.nextInt(places.length)];
            x = p[0] + random.nextGaussian() * 150;
            y = p[1] + random.nextGaussian() * 150;
        } else {
            x = random.nextDouble() * 10_000;
            y = random.nextDouble() * 10_000;
        }
        clusters.add(new StPoint(nextId++, x, y, now));
        return clusters.expire(now - HORIZON_DAYS);
    }
}
