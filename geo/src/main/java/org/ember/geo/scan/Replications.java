package org.ember.geo.scan;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Runs the Monte Carlo replicates of a scan in batches on the caller's executor and stops early when
 * the sequential rule says so. Replicate r always uses the r-th stream split from the seed and the
 * stopping point is decided in replicate order, so the maxima do not depend on the parallelism.
 */
final class Replications {
    /** One worker's scratch space: computes the maximum LLR of a replicate from its random stream. */
    interface Worker {
        double maximum(SplittableRandom random);

        /**
         * The replicate's maximum, or, when that is at least {@code enough}, any value from
         * {@code enough} to the maximum (a worker may stop once a window reaches it).
         */
        default double maximum(SplittableRandom random, double enough) {
            return maximum(random);
        }
    }

    /** The maxima run (in replicate order) and whether the run stopped before B. */
    record Outcome(double[] maxima, boolean stoppedEarly) {}

    private Replications() {}

    static Outcome run(ScanInference inference, double observed, long seed, IntFunction<Worker> workers) {
        int b = inference.replications();
        if (b == 0) {
            return new Outcome(new double[0], false);
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            streams[r] = root.split();
        }
        int tasks = Math.min(inference.parallelism(), b);
        Worker[] pool = new Worker[tasks];
        for (int t = 0; t < tasks; t++) {
            pool[t] = workers.apply(t);
        }
        double[] maxima = new double[b];
        // Small batches stop soon after the rule is met (in the calling thread, right at it); larger
        // ones keep every task busy. The outcome is cut at the stopping replicate whatever the batch.
        boolean oneThread = inference.executor() == null || tasks == 1;
        int batch = inference.earlyStop() == 0 ? b : oneThread ? 1 : tasks * 4;
        // Whether a replicate reaches the observed LLR is all the stopping rule asks of it: with
        // cutExceedances one that does stops there (its value is then at least the observed, so it
        // is counted as before), and if the run goes on to B they are computed again in full.
        double enough = inference.cutExceedances() && inference.earlyStop() > 0 ? observed : Double.POSITIVE_INFINITY;
        int exceed = 0;
        for (int from = 0; from < b; from += batch) {
            int to = Math.min(b, from + batch);
            runBatch(inference, pool, streams, maxima, from, to, enough);
            for (int r = from; r < to; r++) {
                if (maxima[r] >= observed && ++exceed >= inference.earlyStop() && inference.earlyStop() > 0) {
                    if (r + 1 < b) {
                        return new Outcome(Arrays.copyOf(maxima, r + 1), true);
                    }
                    break;
                }
            }
        }
        if (enough != Double.POSITIVE_INFINITY) {
            inFull(seed, observed, pool[0], maxima);
        }
        return new Outcome(maxima, false);
    }

    /** Computes again in full the maxima at or above {@code observed} (from their own streams, split again). */
    private static void inFull(long seed, double observed, Worker worker, double[] maxima) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < maxima.length; r++) {
            SplittableRandom stream = root.split();
            if (maxima[r] >= observed) {
                maxima[r] = worker.maximum(stream);
            }
        }
    }

    private static void runBatch(ScanInference inference, Worker[] pool, SplittableRandom[] streams, double[] maxima,
            int from, int to, double enough) {
        int tasks = pool.length;
        if (inference.executor() == null || tasks == 1) {
            for (int r = from; r < to; r++) {
                maxima[r] = pool[0].maximum(streams[r], enough);
            }
            return;
        }
        CompletableFuture<?>[] running = new CompletableFuture<?>[tasks];
        for (int t = 0; t < tasks; t++) {
            int first = from + t;
            Worker worker = pool[t];
            running[t] = CompletableFuture.runAsync(() -> {
                for (int r = first; r < to; r += tasks) {
                    maxima[r] = worker.maximum(streams[r], enough);
                }
            }, inference.executor());
        }
        CompletableFuture.allOf(running).join();
    }
}
