package org.ember.geo.scan;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seconds per daily prospective space-time permutation scan: South Wales violence 2025 (real
 * police.uk points, 250 m cells, days drawn within each month as in {@link PoliceGrid}), 365-day
 * study period, cylinders up to 7 days and 1 km, 999 replications with early stopping at 50
 * exceedances, on a fixed pool of [threads] threads. One {@link IncrementalProspectiveScan} slides
 * over the days, as `ember stats scan --daily` does. Run (after test-compile):
 *
 * <pre>
 *   java -cp geo/target/classes:geo/target/test-classes:DEPS org.ember.geo.scan.DailyScanBenchmark [days] [threads]
 * </pre>
 */
public final class DailyScanBenchmark {
    private DailyScanBenchmark() {}

    public static void main(String[] args) throws IOException {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int earlyStop = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        List<PoliceGrid.Point> points = PoliceGrid.read("", YearMonth.of(2025, 1), YearMonth.of(2025, 12));
        LocalDate first = LocalDate.of(2025, 1, 1);
        LocalDate last = LocalDate.of(2025, 12, 31);
        List<ScanCase> cases = PoliceGrid.violence(points, first, last);
        List<ScanLocation> cells = PoliceGrid.cells(points, cases);
        Map<LocalDate, Map<String, Integer>> byDay = new TreeMap<>();
        for (ScanCase c : cases) {
            byDay.computeIfAbsent(c.date(), d -> new HashMap<>()).merge(c.location(), (int) c.count(), Integer::sum);
        }
        long t0 = System.nanoTime();
        IncrementalProspectiveScan scan = new IncrementalProspectiveScan(cells, CoordinateSystem.CARTESIAN, 1.0, 0.5,
                365, 7, 2);
        System.out.printf("cells %d, cases %d, neighbour index %.2f s%n", cells.size(),
                cases.stream().mapToLong(ScanCase::count).sum(), (System.nanoTime() - t0) / 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ScanInference inference = new ScanInference(999, earlyStop, true, pool, threads);
        List<Double> seconds = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                scan.addDay(d, byDay.getOrDefault(d, Map.of()));
            }
            // The ring now holds 2025; slide on with the same year's counts again as "2026" for [days] days.
            LocalDate day = last;
            for (int i = 0; i < days; i++) {
                day = day.plusDays(1);
                long s = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                scan.addDay(day, byDay.getOrDefault(day.minusYears(1), Map.of()));
                ScanResult r = scan.scan(inference, day.toEpochDay());
                seconds.add((System.nanoTime() - s) / 1e9);
                cpu.add((os.getProcessCpuTime() - c0) / 1e9);
                run.add(r.replicateMaxima().length);
            }
        } finally {
            pool.shutdownNow();
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int full = (int) run.stream().filter(n -> n == 999).count();
        System.out.printf("days %d, threads %d, early stop %d: median %.3f s/day, p90 %.3f s, max %.3f s; "
                + "%d days ran all 999 replications, median replications %d%n", days, threads, earlyStop,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1], full,
                run.stream().sorted().toList().get(run.size() / 2));
        double[] cpuSorted = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("CPU seconds per day (all threads of the process): median %.3f, p90 %.3f, max %.3f%n",
                cpuSorted[cpuSorted.length / 2], cpuSorted[(int) (cpuSorted.length * 0.9)],
                cpuSorted[cpuSorted.length - 1]);
        System.out.println(Arrays.toString(sorted));
    }
}
