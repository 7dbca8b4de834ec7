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
        int exceed = 0;
        for (int from = 0; from < b; from += batch) {
            int to = Math.min(b, from + batch);
            runBatch(inference, pool, streams, maxima, from, to);
            for (int r = from; r < to; r++) {
                if (maxima[r] >= observed && ++exceed >= inference.earlyStop() && inference.earlyStop() > 0) {
                    return new Outcome(Arrays.copyOf(maxima, r + 1), r + 1 < b);
                }
            }
        }
        return new Outcome(maxima, false);
    }

    private static void runBatch(ScanInference inference, Worker[] pool, SplittableRandom[] streams, double[] maxima,
            int from, int to) {
        int tasks = pool.length;
        if (inference.executor() == null || tasks == 1) {
            for (int r = from; r < to; r++) {
                maxima[r] = pool[0].maximum(streams[r]);
            }
            return;
        }
        CompletableFuture<?>[] running = new CompletableFuture<?>[tasks];
        for (int t = 0; t < tasks; t++) {
            int first = from + t;
            Worker worker = pool[t];
            running[t] = CompletableFuture.runAsync(() -> {
                for (int r = first; r < to; r += tasks) {
                    maxima[r] = worker.maximum(streams[r]);
                }
            }, inference.executor());
        }
        CompletableFuture.allOf(running).join();
    }
}
