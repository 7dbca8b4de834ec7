package org.ember.fusion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link FusionLayersBenchmark}'s workload timed by the CPU time of the thread that runs it, which
 * on a shared, overloaded machine says more than wall time: {@code runs} rounds after one warm-up,
 * each printed. Arguments: {@code [runs] [days] [perDay] [replications]}.
 */
public final class FusionLayersCpu {
    private FusionLayersCpu() {}

    public static void main(String[] args) {
        FusionLayersBenchmark b = new FusionLayersBenchmark();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        b.days = args.length > 1 ? Integer.parseInt(args[1]) : 35;
        b.perDay = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        b.replications = args.length > 3 ? Integer.parseInt(args[3]) : 19;
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r <= runs; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int outputs = b.month();
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d days x %d incidents: %.2f s CPU (%.0f incidents per CPU-second), %.2f s wall, %d outputs%n",
                    r == 0 ? "warm-up" : "run " + r, b.days, b.perDay, cpuSeconds, b.days * b.perDay / cpuSeconds,
                    (System.nanoTime() - wall) / 1e9, outputs);
        }
    }
}
