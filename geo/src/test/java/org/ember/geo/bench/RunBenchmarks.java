package org.ember.geo.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the geo analytics benchmarks briefly: 1 fork, 2 warm-up and 3 measured iterations of 1 s
 * each (the machine is shared; these are indicative figures, not a tuning study). An optional
 * argument is a regular expression selecting benchmarks (default: the spatial analytics ones,
 * Gi*, KDE and incremental ST-DBSCAN), e.g. {@code GiStar}.
 */
public final class RunBenchmarks {
    private RunBenchmarks() {}

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0]
                : "org\\.ember\\.geo\\.bench\\.(GiStar|Kde|IncrementalStDbscan)Benchmark";
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx2g")
                .build();
        new Runner(options).run();
    }
}
