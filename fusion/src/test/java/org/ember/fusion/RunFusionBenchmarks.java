package org.ember.fusion;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link FusionLayersBenchmark}: 1 fork, 1 warm-up and 3 measured single shots (each a whole
 * period of one local authority). The machine is shared; these are indicative figures.
 */
public final class RunFusionBenchmarks {
    private RunFusionBenchmarks() {}

    public static void main(String[] args) throws RunnerException {
        var options = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : "org\\.ember\\.fusion\\.FusionLayersBenchmark")
                .forks(1)
                .warmupIterations(1)
                .measurementIterations(3)
                .jvmArgsAppend("-Xmx2g");
        // -Dprofile=stack shows where the time goes (JMH's sampling stack profiler).
        if ("stack".equals(System.getProperty("profile"))) {
            options.addProfiler(org.openjdk.jmh.profile.StackProfiler.class, "lines=3;top=25");
        }
        new Runner(options.build()).run();
    }
}
