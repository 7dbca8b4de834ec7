package org.ember.geo.scan;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ember.geo.grid.GridCell;

/**
 * Detection benchmark: simulated years of daily violence over the real police.uk violence points of
 * South Wales (2025, 250 m cells), with planted outbreaks (known start, duration, size, radius) and
 * permanent step rises, scored for the early-warning scan and the plain prospective space-time
 * permutation scan (365-day study period, 7 days, 1 km), both at the same background false-alarm rate
 * (thresholds calibrated on a quiet simulated year). Run (after test-compile):
 *
 * <pre>
 *   java -cp geo/target/classes:geo/target/test-classes org.ember.geo.scan.DetectionBenchmark [years] [seed]
 * </pre>
 */
public final class DetectionBenchmark {
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final int YEAR = 365;
    static final double MEAN_PER_DAY = 130;
    static final int FALSE_ALARM_DAYS_PER_YEAR = Integer.getInteger("bench.falseAlarmDays", 4);
    static final boolean GROWING = "growing".equals(System.getProperty("bench.shape", "uniform"));

    private DetectionBenchmark() {}

    /** A planted outbreak: its cells and days. */
    record Outbreak(int start, int days, Set<String> cells, int cases, double radiusKm) {}

    /** A permanent rise at one cell from {@code start} on. */
    record Rise(int start, String cell, double perDay) {}

    /** A simulated world: the background points, one warm-up year then an evaluation year. */
    record World(List<String> pointCells, List<ScanLocation> cells, List<Map<String, Integer>> days,
            List<Outbreak> outbreaks, List<Rise> rises) {}

    static World simulate(List<GridCell> points, long seed, boolean planted, int outbreaks, int rises) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> pointCells = points.stream().map(PoliceGrid::id).toList();
        Map<String, ScanLocation> cells = new HashMap<>();
        points.forEach(p -> cells.putIfAbsent(PoliceGrid.id(p), PoliceGrid.location(p)));
        List<Map<String, Integer>> days = new ArrayList<>();
        for (int d = 0; d < 2 * YEAR; d++) {
            int dow = START.plusDays(d).getDayOfWeek().getValue();
            double mean = MEAN_PER_DAY * (dow >= 5 ? 1.2 : 0.92) * (1 + 0.1 * Math.sin(2 * Math.PI * d / YEAR));
            Map<String, Integer> today = new HashMap<>();
            int n = poisson(r, mean);
            for (int k = 0; k < n; k++) {
                today.merge(pointCells.get(r.nextInt(pointCells.size())), 1, Integer::sum);
            }
            days.add(today);
        }
        List<Outbreak> planted0 = new ArrayList<>();
        List<Rise> rise0 = new ArrayList<>();
        if (planted) {
            for (int o = 0; o < outbreaks; o++) {
                int start = YEAR + 10 + r.nextInt(YEAR - 30);
                int duration = 3 + r.nextInt(4);
                double radius = 0.25 + 0.35 * r.nextDouble();
                ScanLocation centre = cells.get(pointCells.get(r.nextInt(pointCells.size())));
                List<String> near = new ArrayList<>();
                for (String pc : pointCells) {
                    ScanLocation l = cells.get(pc);
                    if (Math.hypot(l.x() - centre.x(), l.y() - centre.y()) <= radius) {
                        near.add(pc);
                    }
                }
                int size = 10 + r.nextInt(9);
                Set<String> used = new HashSet<>();
                for (int k = 0; k < size; k++) {
                    String cell = near.get(r.nextInt(near.size()));
                    used.add(cell);
                    // "uniform": cases spread evenly over the outbreak's days; "growing": more on later days.
                    double u = r.nextDouble();
                    int day = start + (int) Math.floor(duration * (GROWING ? Math.sqrt(u) : u));
                    days.get(day).merge(cell, 1, Integer::sum);
                }
                planted0.add(new Outbreak(start, duration, used, size, radius));
            }
            for (int q = 0; q < rises; q++) {
                int start = YEAR + 30 + r.nextInt(YEAR - 120);
                String cell = pointCells.get(r.nextInt(pointCells.size()));
                double perDay = 0.8 + 0.4 * r.nextDouble();
                for (int d = start; d < 2 * YEAR; d++) {
                    int n = poisson(r, perDay);
                    if (n > 0) {
                        days.get(d).merge(cell, n, Integer::sum);
                    }
                }
                rise0.add(new Rise(start, cell, perDay));
            }
        }
        return new World(pointCells, new ArrayList<>(cells.values()), days, planted0, rise0);
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** One detector's alerting clusters (cell sets) per evaluation day, and each day's top score. */
    record Run(List<List<Set<String>>> alerts, double[] topScores, double secondsPerDay) {}

    /** A detector run over a world: the cell sets of clusters scoring at least {@code threshold}. */
    interface Detector {
        Run run(World world, double threshold);
    }

    static Run plainScan(World world, double threshold) {
        IncrementalProspectiveScan scan = new IncrementalProspectiveScan(world.cells(), CoordinateSystem.CARTESIAN,
                1.0, 0.5, YEAR, 7, 2);
        List<List<Set<String>>> alerts = new ArrayList<>();
        double[] top = new double[YEAR];
        long nanos = 0;
        for (int d = 0; d < 2 * YEAR; d++) {
            scan.addDay(START.plusDays(d), world.days().get(d));
            if (d < YEAR) {
                continue;
            }
            long t0 = System.nanoTime();
            ScanResult result = scan.scan(ScanInference.sequential(0), d);
            nanos += System.nanoTime() - t0;
            List<Set<String>> today = new ArrayList<>();
            for (ScanCluster c : result.clusters()) {
                if (c.llr() >= threshold) {
                    today.add(new HashSet<>(c.locations()));
                }
            }
            top[d - YEAR] = result.clusters().isEmpty() ? 0 : result.clusters().get(0).llr();
            alerts.add(today);
        }
        return new Run(alerts, top, nanos / 1e9 / YEAR);
    }

    static Run earlyWarning(World world, double threshold) {
        EarlyWarningSettings def = EarlyWarningSettings.defaults(threshold);
        EarlyWarningScan scan = new EarlyWarningScan(world.cells(), CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(Double.parseDouble(System.getProperty("ews.radius", "" + def.maxRadius())),
                        Integer.getInteger("ews.days", def.maxDays()), Integer.getInteger("ews.minCases", def.minCases()), threshold, def.baselineDays(),
                        def.weekdayWeeks(), def.absorbHalfLifeDays(), def.rearm()));
        List<List<Set<String>>> alerts = new ArrayList<>();
        double[] top = new double[YEAR];
        long nanos = 0;
        for (int d = 0; d < 2 * YEAR; d++) {
            long t0 = System.nanoTime();
            EarlyWarningScan.Day day = scan.addDay(START.plusDays(d), world.days().get(d));
            if (d < YEAR) {
                continue;
            }
            nanos += System.nanoTime() - t0;
            List<Set<String>> today = new ArrayList<>();
            for (EarlyWarningScan.Cluster c : day.alerts()) {
                today.add(new HashSet<>(c.cells()));
            }
            top[d - YEAR] = day.topScore();
            if (Boolean.getBoolean("bench.trace") && day.topScore() > Double.parseDouble(System.getProperty("bench.traceAbove", "12"))) {
                EarlyWarningScan.Cluster c = day.clusters().get(0);
                System.out.printf("  trace d=%d score %.2f C=%d B=%.3f cells=%d days=%s..%s%n", d, c.score(), c.observed(),
                        c.expected(), c.cells().size(), c.start(), c.end());
            }
            alerts.add(today);
        }
        return new Run(alerts, top, nanos / 1e9 / YEAR);
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The threshold at which {@code days} days of the quiet year's top scores alert. */
    static double calibrate(double[] quietTopScores, int days) {
        double[] sorted = quietTopScores.clone();
        Arrays.sort(sorted);
        return Math.nextUp(sorted[sorted.length - 1 - days]);
    }

    /** Scores of one run: outbreaks found and their delays, rise alerts, background false-alarm days. */
    record Score(int found, int outbreaks, List<Integer> delays, int riseAlertDays, int riseRepeatDays,
            int risesAlerted, int backgroundDays) {
        double medianDelay() {
            if (delays.isEmpty()) {
                return Double.NaN;
            }
            List<Integer> s = new ArrayList<>(delays);
            s.sort(null);
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
        }
    }

    static Score score(World world, Run run) {
        int[] firstHit = new int[world.outbreaks().size()];
        Arrays.fill(firstHit, -1);
        int[] riseDays = new int[world.rises().size()];
        int riseAlertDays = 0;
        int repeatDays = 0;
        int background = 0;
        for (int e = 0; e < YEAR; e++) {
            int d = YEAR + e;
            boolean bg = false;
            boolean rise = false;
            boolean repeat = false;
            for (Set<String> cells : run.alerts().get(e)) {
                boolean explained = false;
                for (int o = 0; o < world.outbreaks().size(); o++) {
                    Outbreak ob = world.outbreaks().get(o);
                    if (d >= ob.start() && d <= ob.start() + ob.days() + 6 && cells.stream().anyMatch(ob.cells()::contains)) {
                        explained = true;
                        if (firstHit[o] < 0) {
                            firstHit[o] = d;
                        }
                    }
                }
                for (int q = 0; q < world.rises().size(); q++) {
                    Rise rs = world.rises().get(q);
                    if (d >= rs.start() && cells.contains(rs.cell())) {
                        explained = true;
                        rise = true;
                        if (riseDays[q]++ > 0) {
                            repeat = true;
                        }
                    }
                }
                bg |= !explained;
            }
            background += bg ? 1 : 0;
            riseAlertDays += rise ? 1 : 0;
            repeatDays += repeat ? 1 : 0;
        }
        List<Integer> delays = new ArrayList<>();
        int found = 0;
        for (int o = 0; o < firstHit.length; o++) {
            if (firstHit[o] >= 0) {
                found++;
                delays.add(firstHit[o] - world.outbreaks().get(o).start());
            }
        }
        int alertedRises = (int) Arrays.stream(riseDays).filter(n -> n > 0).count();
        return new Score(found, firstHit.length, delays, riseAlertDays, repeatDays, alertedRises, background);
    }

    public static void main(String[] args) throws IOException {
        int years = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 15;
        List<GridCell> points = PoliceGrid.read("", YearMonth.of(2025, 1), YearMonth.of(2025, 12)).stream()
                .filter(PoliceGrid.Point::violence).map(PoliceGrid.Point::cell).toList();
        // Thresholds from several quiet years (nothing planted, other seeds): the k-th largest of
        // n × 365 daily top scores is a much steadier quantile than that of a single year.
        int quietYears = Integer.getInteger("bench.quietYears", 4);
        System.out.printf("points %d, mean %.0f cases/day, outbreaks %s; calibrating on %d quiet years ...%n",
                points.size(), MEAN_PER_DAY, GROWING ? "growing" : "uniform", quietYears);
        double[] plainQuiet = new double[0];
        double[] ewsQuiet = new double[0];
        for (int q = 0; q < quietYears; q++) {
            World quiet = simulate(points, seed * 7919 + q, false, 0, 0);
            plainQuiet = concat(plainQuiet, plainScan(quiet, Double.POSITIVE_INFINITY).topScores());
            ewsQuiet = concat(ewsQuiet, earlyWarning(quiet, Double.POSITIVE_INFINITY).topScores());
        }
        double plainThreshold = calibrate(plainQuiet, FALSE_ALARM_DAYS_PER_YEAR * quietYears);
        double ewsThreshold = calibrate(ewsQuiet, FALSE_ALARM_DAYS_PER_YEAR * quietYears);
        System.out.printf("thresholds (%d alarm days per quiet year): plain STP LLR %.3f, early-warning %.3f%n",
                FALSE_ALARM_DAYS_PER_YEAR, plainThreshold, ewsThreshold);
        System.out.println("| year | detector | outbreaks found | median delay (days) | permanent rises alerted | "
                + "rise alert days | of which repeats | background false-alarm days | s/day (no replications) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        int[] totals = new int[8];
        List<Integer> plainDelays = new ArrayList<>();
        List<Integer> ewsDelays = new ArrayList<>();
        for (int y = 0; y < years; y++) {
            World world = simulate(points, seed + y, true, 12, 4);
            Run plain = plainScan(world, plainThreshold);
            Run ews = earlyWarning(world, ewsThreshold);
            Score ps = score(world, plain);
            Score es = score(world, ews);
            System.out.println("  oracle (own cells, true mean) outbreaks reaching the early-warning threshold by day 0..3: "
                    + Arrays.toString(oracle(world, ewsThreshold)));
            print(y + 1, "plain STP scan", ps, plain);
            print(y + 1, "early warning", es, ews);
            totals[0] += ps.found();
            totals[1] += es.found();
            totals[2] += ps.riseRepeatDays();
            totals[3] += es.riseRepeatDays();
            totals[4] += ps.backgroundDays();
            totals[5] += es.backgroundDays();
            totals[6] += ps.outbreaks();
            plainDelays.addAll(ps.delays());
            ewsDelays.addAll(es.delays());
        }
        System.out.printf("all: plain found %d/%d (median delay %.1f), repeats %d, background %d; "
                + "early warning found %d/%d (median delay %.1f), repeats %d, background %d%n", totals[0], totals[6],
                new Score(0, 0, plainDelays, 0, 0, 0, 0).medianDelay(), totals[2], totals[4], totals[1], totals[6],
                new Score(0, 0, ewsDelays, 0, 0, 0, 0).medianDelay(), totals[3], totals[5]);
    }

    /**
     * An upper bound on any expectation-based detector: for each outbreak, the Poisson score of its own
     * cells (known to the oracle) from its start to k days later, against their true background mean.
     * Returns, per k = 0..3, how many outbreaks reach {@code threshold}.
     */
    static int[] oracle(World world, double threshold) {
        Map<String, Integer> pointsPerCell = new HashMap<>();
        world.pointCells().forEach(c -> pointsPerCell.merge(c, 1, Integer::sum));
        int[] reached = new int[4];
        for (Outbreak ob : world.outbreaks()) {
            for (int k = 0; k < 4; k++) {
                // The oracle's best region by day k: the outbreak's cells that have a case by then.
                Set<String> lit = new HashSet<>();
                for (int d = ob.start(); d <= ob.start() + k; d++) {
                    for (String cell : ob.cells()) {
                        if (world.days().get(d).getOrDefault(cell, 0) > 0) {
                            lit.add(cell);
                        }
                    }
                }
                double share = lit.stream().mapToInt(pointsPerCell::get).sum() / (double) world.pointCells().size();
                long c = 0;
                double b = 0;
                for (int d = ob.start(); d <= ob.start() + k; d++) {
                    int dow = START.plusDays(d).getDayOfWeek().getValue();
                    b += share * MEAN_PER_DAY * (dow >= 5 ? 1.2 : 0.92) * (1 + 0.1 * Math.sin(2 * Math.PI * d / YEAR));
                    for (String cell : lit) {
                        c += world.days().get(d).getOrDefault(cell, 0);
                    }
                }
                double score = c > b ? c * Math.log(c / b) - (c - b) : 0;
                if (Boolean.getBoolean("bench.trace")) {
                    System.out.printf("  oracle start %d k=%d C=%d B=%.2f score %.2f%n", ob.start(), k, c, b, score);
                }
                if (score >= threshold) {
                    reached[k]++;
                }
            }
        }
        return reached;
    }

    private static void print(int year, String name, Score s, Run run) {
        System.out.println("  delays " + name + ": " + s.delays());
        System.out.printf("| %d | %s | %d / %d | %.1f | %d / 4 | %d | %d | %d | %.3f |%n", year, name, s.found(),
                s.outbreaks(), s.medianDelay(), s.risesAlerted(), s.riseAlertDays(), s.riseRepeatDays(),
                s.backgroundDays(), run.secondsPerDay());
    }
}
