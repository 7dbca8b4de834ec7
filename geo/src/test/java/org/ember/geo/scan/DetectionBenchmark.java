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
 * South Wales (2025, 250 m cells), with planted outbreaks (known start, duration, size, radius; uniform
 * or front-loaded over their days, see {@link Shape}) and permanent step rises, scored for the
 * early-warning scan (daily, and as records arrive) and the plain prospective space-time permutation
 * scan (365-day study period, 7 days, 1 km), all at the same background false-alarm rate (thresholds
 * calibrated on quiet simulated years of other seeds). Run (after test-compile; docs/detection.md §4):
 *
 * <pre>
 *   java -cp geo/target/classes:geo/target/test-classes:... org.ember.geo.scan.DetectionBenchmark [years] [seed]
 * </pre>
 */
public final class DetectionBenchmark {
    public static final LocalDate START = LocalDate.of(2024, 1, 1);
    public static final int YEAR = 365;
    static final double MEAN_PER_DAY = 130;
    static final int FALSE_ALARM_DAYS_PER_YEAR = Integer.getInteger("bench.falseAlarmDays", 4);
    /** Half-life (days) of the front-loaded outbreaks' time kernel. */
    static final double FRONT_HALF_LIFE = Double.parseDouble(System.getProperty("bench.halfLife", "1"));

    /**
     * How a planted outbreak's cases are spread over its days. UNIFORM: evenly (the first version's
     * only shape). GROWING: more on later days. FRONT_LOADED: a retaliation cluster as in the
     * self-exciting models of violence (Mohler et al. 2011; Short et al. 2014): the triggering case on
     * day 0, the others at times drawn from an exponential kernel with a half-life of
     * {@link #FRONT_HALF_LIFE} days, truncated to the outbreak's days.
     */
    public enum Shape {
        UNIFORM, GROWING, FRONT_LOADED;

        static Shape parse(String name) {
            return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "uniform" -> UNIFORM;
                case "growing" -> GROWING;
                case "frontloaded", "front-loaded", "front_loaded" -> FRONT_LOADED;
                default -> throw new IllegalArgumentException("unknown outbreak shape " + name);
            };
        }

        /** The time (days after the outbreak's start, in [0, duration)) of its case {@code k} from a uniform draw {@code u}. */
        double time(int k, int duration, double u) {
            double t = switch (this) {
                case UNIFORM -> duration * u;
                case GROWING -> duration * Math.sqrt(u);
                case FRONT_LOADED -> {
                    if (k == 0) {
                        yield 0;
                    }
                    double rate = Math.log(2) / FRONT_HALF_LIFE;
                    yield -Math.log(1 - u * (1 - Math.exp(-rate * duration))) / rate;
                }
            };
            return Math.min(Math.nextDown((double) duration), t);
        }
    }

    private DetectionBenchmark() {}

    /** A planted outbreak: its cells and days, and the map points its cases were drawn at. */
    public record Outbreak(int start, int days, Set<String> cells, int cases, double radiusKm, List<Integer> points) {
        public Outbreak {
            points = List.copyOf(points);
        }
    }

    /** A permanent rise at one cell (the cell of map point {@code point}) from {@code start} on. */
    public record Rise(int start, String cell, double perDay, int point) {}

    /**
     * A simulated world: the background points, one warm-up year then an evaluation year. Each case is
     * a map point; {@code pointCells} gives the location of each point (a 250 m cell, or an LSOA after
     * {@link #relocate}) and {@code days} the cases per location and day. {@code dayPoints} keeps the
     * points themselves, so the same world can be counted over another location set.
     */
    public record World(long seed, List<String> pointCells, List<ScanLocation> cells, List<Map<String, Integer>> days,
            List<Outbreak> outbreaks, List<Rise> rises, List<PlantedCase> plantedCases, List<int[]> dayPoints) {

        /**
         * The same cases counted at other locations: {@code locationOfPoint[p]} is point p's location id
         * (null = outside every location: its cases are dropped), {@code locations} the locations.
         */
        public World relocate(String[] locationOfPoint, List<ScanLocation> locations) {
            List<String> ids = new ArrayList<>();
            for (String id : locationOfPoint) {
                ids.add(id == null ? OUTSIDE : id);
            }
            List<Map<String, Integer>> counted = new ArrayList<>();
            for (int[] day : dayPoints) {
                Map<String, Integer> today = new HashMap<>();
                for (int point : day) {
                    if (locationOfPoint[point] != null) {
                        today.merge(locationOfPoint[point], 1, Integer::sum);
                    }
                }
                counted.add(today);
            }
            List<Outbreak> obs = new ArrayList<>();
            for (Outbreak o : outbreaks) {
                Set<String> cells = new HashSet<>();
                o.points().forEach(point -> {
                    if (locationOfPoint[point] != null) {
                        cells.add(locationOfPoint[point]);
                    }
                });
                obs.add(new Outbreak(o.start(), o.days(), cells, o.cases(), o.radiusKm(), o.points()));
            }
            List<Rise> rs = rises.stream().map(r -> new Rise(r.start(), ids.get(r.point()), r.perDay(), r.point())).toList();
            List<PlantedCase> pc = plantedCases.stream()
                    .map(c -> new PlantedCase(c.day(), ids.get(c.point()), c.timeOfDay(), c.point())).toList();
            return new World(seed, ids, List.copyOf(locations), counted, obs, rs, pc, dayPoints);
        }
    }

    /** Location id of map points outside every location of a relocated world. */
    public static final String OUTSIDE = "-";

    /** A case of a planted outbreak: its day, cell, time of day (fraction of the day) and map point. */
    public record PlantedCase(int day, String cell, double timeOfDay, int point) {}

    /** A real police.uk violence point of South Wales 2025: its 250 m cell and WGS84 position. */
    public record MapPoint(GridCell cell, double lon, double lat) {}

    /** The benchmark's map: every police.uk violence point of South Wales in 2025, in file order. */
    public static List<MapPoint> southWalesViolence() throws IOException {
        return PoliceGrid.read("", YearMonth.of(2025, 1), YearMonth.of(2025, 12)).stream()
                .filter(PoliceGrid.Point::violence).map(p -> new MapPoint(p.cell(), p.lon(), p.lat())).toList();
    }

    public static World simulate(List<GridCell> points, long seed, boolean planted, int outbreaks, int rises, Shape shape) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> pointCells = points.stream().map(PoliceGrid::id).toList();
        Map<String, ScanLocation> cells = new HashMap<>();
        points.forEach(p -> cells.putIfAbsent(PoliceGrid.id(p), PoliceGrid.location(p)));
        List<List<Integer>> dayPoints = new ArrayList<>();
        for (int d = 0; d < 2 * YEAR; d++) {
            int dow = START.plusDays(d).getDayOfWeek().getValue();
            double mean = MEAN_PER_DAY * (dow >= 5 ? 1.2 : 0.92) * (1 + 0.1 * Math.sin(2 * Math.PI * d / YEAR));
            List<Integer> today = new ArrayList<>();
            int n = poisson(r, mean);
            for (int k = 0; k < n; k++) {
                today.add(r.nextInt(pointCells.size()));
            }
            dayPoints.add(today);
        }
        List<Outbreak> planted0 = new ArrayList<>();
        List<PlantedCase> plantedCases = new ArrayList<>();
        List<Rise> rise0 = new ArrayList<>();
        if (planted) {
            for (int o = 0; o < outbreaks; o++) {
                int start = YEAR + 10 + r.nextInt(YEAR - 30);
                int duration = 3 + r.nextInt(4);
                double radius = 0.25 + 0.35 * r.nextDouble();
                ScanLocation centre = cells.get(pointCells.get(r.nextInt(pointCells.size())));
                List<Integer> near = new ArrayList<>();
                for (int p = 0; p < pointCells.size(); p++) {
                    ScanLocation l = cells.get(pointCells.get(p));
                    if (Math.hypot(l.x() - centre.x(), l.y() - centre.y()) <= radius) {
                        near.add(p);
                    }
                }
                int size = 10 + r.nextInt(9);
                Set<String> used = new HashSet<>();
                List<Integer> usedPoints = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    int point = near.get(r.nextInt(near.size()));
                    String cell = pointCells.get(point);
                    used.add(cell);
                    usedPoints.add(point);
                    // One draw per case whatever the shape, so that every shape plants the same outbreaks
                    // (start, cells, size) in the same background and only the days differ.
                    double t = shape.time(k, duration, r.nextDouble());
                    int day = start + (int) Math.floor(t);
                    plantedCases.add(new PlantedCase(day, cell, t - Math.floor(t), point));
                    dayPoints.get(day).add(point);
                }
                planted0.add(new Outbreak(start, duration, used, size, radius, usedPoints));
            }
            for (int q = 0; q < rises; q++) {
                int start = YEAR + 30 + r.nextInt(YEAR - 120);
                int point = r.nextInt(pointCells.size());
                String cell = pointCells.get(point);
                double perDay = 0.8 + 0.4 * r.nextDouble();
                for (int d = start; d < 2 * YEAR; d++) {
                    int n = poisson(r, perDay);
                    for (int k = 0; k < n; k++) {
                        dayPoints.get(d).add(point);
                    }
                }
                rise0.add(new Rise(start, cell, perDay, point));
            }
        }
        List<int[]> frozen = dayPoints.stream().map(day -> day.stream().mapToInt(Integer::intValue).toArray()).toList();
        String[] ids = pointCells.toArray(String[]::new);
        return new World(seed, pointCells, new ArrayList<>(cells.values()), List.of(), planted0, rise0, plantedCases, frozen)
                .relocate(ids, new ArrayList<>(cells.values()));
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
    public record Run(List<List<Set<String>>> alerts, List<List<Double>> alertTimes, double[] topScores, double secondsPerDay) {
        /** A daily detector's run: every alert at the end of its day. */
        public Run(List<List<Set<String>>> alerts, double[] topScores, double secondsPerDay) {
            this(alerts, alerts.stream().map(day -> day.stream().map(c -> 1.0).toList()).toList(), topScores, secondsPerDay);
        }
    }

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

    /** The default early-warning settings, or those the ews.* properties give (for tuning seeds). */
    public static EarlyWarningSettings ewsSettings(double threshold) {
        EarlyWarningSettings def = EarlyWarningSettings.defaults(threshold);
        return new EarlyWarningSettings(Double.parseDouble(System.getProperty("ews.radius", "" + def.maxRadius())),
                Integer.getInteger("ews.days", def.maxDays()), Integer.getInteger("ews.minCases", def.minCases()),
                threshold, def.baselineDays(), def.weekdayWeeks(), def.absorbHalfLifeDays(), def.rearm(),
                Boolean.parseBoolean(System.getProperty("ews.conditional", "" + def.conditional())));
    }

    static Run earlyWarning(World world, double threshold) {
        EarlyWarningScan scan = new EarlyWarningScan(world.cells(), CoordinateSystem.CARTESIAN, ewsSettings(threshold));
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

    /**
     * The early warning evaluated as records arrive: each day scanned after {@code looks} equal parts of
     * it with the cases so far (today's expectation scaled by the part elapsed), the last look closing
     * the day. Background and rise cases get a uniform time of day (a stream of their own, so the
     * world's counts are the same as the daily detectors see), planted cases their simulated time.
     * An alert's time is the look that found it.
     */
    static Run earlyWarningAsRecordsArrive(World world, double threshold, int looks) {
        EarlyWarningScan scan = new EarlyWarningScan(world.cells(), CoordinateSystem.CARTESIAN, ewsSettings(threshold));
        Map<Integer, List<PlantedCase>> plantedByDay = new HashMap<>();
        world.plantedCases().forEach(c -> plantedByDay.computeIfAbsent(c.day(), k -> new ArrayList<>()).add(c));
        List<List<Set<String>>> alerts = new ArrayList<>();
        List<List<Double>> times = new ArrayList<>();
        double[] top = new double[YEAR];
        long nanos = 0;
        for (int d = 0; d < 2 * YEAR; d++) {
            SplittableRandom clock = new SplittableRandom(world.seed() * 1_000_003L + d);
            Map<String, Integer> background = new java.util.TreeMap<>(world.days().get(d));
            List<String> caseCells = new ArrayList<>();
            List<Double> caseTimes = new ArrayList<>();
            for (PlantedCase c : plantedByDay.getOrDefault(d, List.of())) {
                background.merge(c.cell(), -1, Integer::sum);
                caseCells.add(c.cell());
                caseTimes.add(c.timeOfDay());
            }
            background.forEach((cell, n) -> {
                for (int k = 0; k < n; k++) {
                    caseCells.add(cell);
                    caseTimes.add(clock.nextDouble());
                }
            });
            List<Set<String>> today = new ArrayList<>();
            List<Double> todayTimes = new ArrayList<>();
            double dayTop = 0;
            long t0 = System.nanoTime();
            for (int h = 1; h <= looks; h++) {
                double now = (double) h / looks;
                Map<String, Integer> soFar = new HashMap<>();
                for (int k = 0; k < caseCells.size(); k++) {
                    if (caseTimes.get(k) < now || h == looks) {
                        soFar.merge(caseCells.get(k), 1, Integer::sum);
                    }
                }
                EarlyWarningScan.Day day = scan.update(START.plusDays(d), soFar, now);
                dayTop = Math.max(dayTop, day.topScore());
                for (EarlyWarningScan.Cluster c : day.alerts()) {
                    today.add(new HashSet<>(c.cells()));
                    todayTimes.add(now);
                }
            }
            if (d < YEAR) {
                continue;
            }
            nanos += System.nanoTime() - t0;
            top[d - YEAR] = dayTop;
            alerts.add(today);
            times.add(todayTimes);
        }
        return new Run(alerts, times, top, nanos / 1e9 / YEAR);
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Days at or above {@code threshold} in each year of concatenated quiet years' daily top scores. */
    static int[] alarmDaysPerYear(double[] quietTopScores, double threshold) {
        int[] out = new int[quietTopScores.length / YEAR];
        for (int i = 0; i < out.length * YEAR; i++) {
            out[i / YEAR] += quietTopScores[i] >= threshold ? 1 : 0;
        }
        return out;
    }

    /** The threshold at which {@code days} days of the quiet year's top scores alert. */
    static double calibrate(double[] quietTopScores, int days) {
        double[] sorted = quietTopScores.clone();
        Arrays.sort(sorted);
        return Math.nextUp(sorted[sorted.length - 1 - days]);
    }

    /** Scores of one run: outbreaks found and their delays, rise alerts, background false-alarm days. */
    /**
     * @param delays per outbreak found: alert day − start day (an alert on the outbreak's first day is 0)
     * @param hours per outbreak found: hours from 00:00 of its first day to the alert (a daily scan
     *     alerts at the end of its day)
     */
    record Score(int found, int outbreaks, List<Integer> delays, List<Double> hours, int riseAlertDays,
            int riseRepeatDays, int risesAlerted, int backgroundDays) {
        double medianDelay() {
            return median(delays.stream().map(Integer::doubleValue).toList());
        }

        double medianHours() {
            return median(hours);
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    static Score score(World world, Run run) {
        int[] firstHit = new int[world.outbreaks().size()];
        Arrays.fill(firstHit, -1);
        double[] firstTime = new double[world.outbreaks().size()];
        Arrays.fill(firstTime, 1);
        int[] riseDays = new int[world.rises().size()];
        int[] riseFirstDay = new int[world.rises().size()];
        int riseAlertDays = 0;
        int repeatDays = 0;
        int background = 0;
        for (int e = 0; e < YEAR; e++) {
            int d = YEAR + e;
            boolean bg = false;
            boolean rise = false;
            boolean repeat = false;
            for (int a = 0; a < run.alerts().get(e).size(); a++) {
                Set<String> cells = run.alerts().get(e).get(a);
                double time = run.alertTimes().get(e).get(a);
                boolean explained = false;
                for (int o = 0; o < world.outbreaks().size(); o++) {
                    Outbreak ob = world.outbreaks().get(o);
                    if (d >= ob.start() && d <= ob.start() + ob.days() + 6 && cells.stream().anyMatch(ob.cells()::contains)) {
                        explained = true;
                        if (firstHit[o] < 0) {
                            firstHit[o] = d;
                        }
                        if (firstHit[o] == d) {
                            firstTime[o] = Math.min(firstTime[o], time);
                        }
                    }
                }
                for (int q = 0; q < world.rises().size(); q++) {
                    Rise rs = world.rises().get(q);
                    if (d >= rs.start() && cells.contains(rs.cell())) {
                        explained = true;
                        rise = true;
                        // Repeats are later days: a rise alerted at several looks of one day alerted once.
                        if (riseDays[q]++ == 0) {
                            riseFirstDay[q] = d;
                        } else if (d > riseFirstDay[q]) {
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
        List<Double> hours = new ArrayList<>();
        int found = 0;
        for (int o = 0; o < firstHit.length; o++) {
            if (firstHit[o] >= 0) {
                found++;
                delays.add(firstHit[o] - world.outbreaks().get(o).start());
                hours.add(24 * (firstHit[o] - world.outbreaks().get(o).start() + firstTime[o]));
            }
        }
        int alertedRises = (int) Arrays.stream(riseDays).filter(n -> n > 0).count();
        return new Score(found, firstHit.length, delays, hours, riseAlertDays, repeatDays, alertedRises, background);
    }

    /**
     * A further detector run over the same worlds as the built-in ones, at locations of its own (e.g.
     * the stream's early warning on LSOA centroids, run by the fusion module's benchmark): it is
     * calibrated on the same quiet years and scored on the same evaluation worlds, counted at its
     * locations.
     */
    public interface Variant {
        String name();

        /** The world's cases counted at this variant's locations. */
        World locate(World world);

        Run run(World located, double threshold);

        /** A variant from its name, how it locates cases and how it runs at a threshold. */
        static Variant of(String name, java.util.function.UnaryOperator<World> locate,
                java.util.function.BiFunction<World, Double, Run> run) {
            return new Variant() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public World locate(World world) {
                    return locate.apply(world);
                }

                @Override
                public Run run(World located, double threshold) {
                    return run.apply(located, threshold);
                }
            };
        }
    }

    public static void main(String[] args) throws IOException {
        run(args, southWalesViolence(), List.of());
    }

    /**
     * Runs the benchmark ({@code [years] [seed]}) over {@code mapPoints} with the built-in detectors
     * and {@code variants}. {@code -Dbench.cells=false} skips the built-in early warning on cells.
     */
    public static void run(String[] args, List<MapPoint> mapPoints, List<Variant> variants) {
        int years = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 15;
        List<Shape> shapes = Arrays.stream(System.getProperty("bench.shapes", "uniform,frontloaded").split(","))
                .map(Shape::parse).toList();
        // -Dbench.detectors=ews skips the plain scan (for trying early-warning settings on tuning seeds).
        boolean withPlain = !"ews".equals(System.getProperty("bench.detectors"));
        boolean withCells = Boolean.parseBoolean(System.getProperty("bench.cells", "true"));
        List<GridCell> points = mapPoints.stream().map(MapPoint::cell).toList();
        // Thresholds from several quiet years (nothing planted, other seeds): the k-th largest of
        // n × 365 daily top scores is a much steadier quantile than that of a single year. Quiet years
        // have no outbreaks, so one calibration serves every outbreak shape.
        int quietYears = Integer.getInteger("bench.quietYears", 4);
        System.out.printf("points %d, mean %.0f cases/day, outbreaks %s (front-loaded half-life %.1f days); "
                + "calibrating on %d quiet years ...%n", points.size(), MEAN_PER_DAY, shapes, FRONT_HALF_LIFE, quietYears);
        double[] plainQuiet = new double[0];
        double[] ewsQuiet = new double[0];
        // -Dbench.looks=N (N >= 2) also runs the early warning evaluated N times a day as records arrive.
        int looks = Integer.getInteger("bench.looks", 4);
        double[] arriveQuiet = new double[0];
        double[][] variantQuiet = new double[variants.size()][0];
        List<World> quietWorlds = new ArrayList<>();
        for (int q = 0; q < quietYears; q++) {
            World quiet = simulate(points, seed * 7919 + q, false, 0, 0, Shape.UNIFORM);
            quietWorlds.add(quiet);
            if (withPlain) {
                plainQuiet = concat(plainQuiet, plainScan(quiet, Double.POSITIVE_INFINITY).topScores());
            }
            if (withCells) {
                ewsQuiet = concat(ewsQuiet, earlyWarning(quiet, Double.POSITIVE_INFINITY).topScores());
            }
            if (looks >= 2) {
                arriveQuiet = concat(arriveQuiet, earlyWarningAsRecordsArrive(quiet, Double.POSITIVE_INFINITY, looks).topScores());
            }
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                variantQuiet[v] = concat(variantQuiet[v], variant.run(variant.locate(quiet), Double.POSITIVE_INFINITY).topScores());
            }
        }
        int alarmDays = FALSE_ALARM_DAYS_PER_YEAR * quietYears;
        double plainThreshold = withPlain ? calibrate(plainQuiet, alarmDays) : Double.NaN;
        double ewsThreshold = withCells ? calibrate(ewsQuiet, alarmDays) : Double.NaN;
        double arriveThreshold = looks >= 2 ? calibrate(arriveQuiet, alarmDays) : Double.NaN;
        double[] variantThreshold = new double[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            variantThreshold[v] = calibrate(variantQuiet[v], alarmDays);
            System.out.printf("threshold (%d alarm days per quiet year) %s: %.3f; alarm days per quiet year at it %s%n",
                    FALSE_ALARM_DAYS_PER_YEAR, variants.get(v).name(), variantThreshold[v],
                    Arrays.toString(alarmDaysPerYear(variantQuiet[v], variantThreshold[v])));
        }
        if (withCells) {
            System.out.println("early warning: alarm days per quiet year at its threshold "
                    + Arrays.toString(alarmDaysPerYear(ewsQuiet, ewsThreshold)));
        }
        System.out.printf("thresholds (%d alarm days per quiet year): plain STP LLR %.3f, early-warning %.3f, "
                + "early-warning at %d looks a day %.3f; %s%n", FALSE_ALARM_DAYS_PER_YEAR, plainThreshold, ewsThreshold,
                looks, arriveThreshold, withCells ? ewsSettings(ewsThreshold) : "cells skipped");
        // Chance: the alerts of a quiet year (nothing planted) at the calibrated threshold, scored against
        // an evaluation year's outbreaks. Coarse locations (LSOAs) make a background alert more likely to
        // touch an outbreak's area in its days, which the scoring would count as a detection.
        boolean chance = Boolean.parseBoolean(System.getProperty("bench.chance", "true"));
        List<Run> ewsChance = new ArrayList<>();
        List<List<Run>> variantChance = new ArrayList<>();
        variants.forEach(v -> variantChance.add(new ArrayList<>()));
        if (chance) {
            for (World quiet : quietWorlds) {
                if (withCells) {
                    ewsChance.add(earlyWarning(quiet, ewsThreshold));
                }
                for (int v = 0; v < variants.size(); v++) {
                    variantChance.get(v).add(variants.get(v).run(variants.get(v).locate(quiet), variantThreshold[v]));
                }
            }
        }
        String arriveName = "early warning, " + looks + " looks a day";
        List<String> summary = new ArrayList<>();
        for (Shape shape : shapes) {
            System.out.println("outbreak shape " + shape);
            System.out.println("| year | detector | outbreaks found | median delay (days) | permanent rises alerted | "
                    + "rise alert days | of which repeats | background false-alarm days | s/day (no replications) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            Totals plainTotals = new Totals();
            Totals ewsTotals = new Totals();
            Totals arriveTotals = new Totals();
            List<Totals> variantTotals = variants.stream().map(v -> new Totals()).toList();
            int[][] variantOracle = new int[variants.size()][4];
            int[] oracleTotals = new int[4];
            for (int y = 0; y < years; y++) {
                World world = simulate(points, seed + y, true, 12, 4, shape);
                if (withCells) {
                    int[] oracle = oracle(world, ewsThreshold);
                    System.out.println("  oracle (own cells, true mean) outbreaks reaching the early-warning threshold by day 0..3: "
                            + Arrays.toString(oracle));
                    for (int k = 0; k < 4; k++) {
                        oracleTotals[k] += oracle[k];
                    }
                }
                if (withPlain) {
                    Run plain = plainScan(world, plainThreshold);
                    Score ps = score(world, plain);
                    print(y + 1, "plain STP scan", ps, plain);
                    plainTotals.add(ps);
                }
                if (withCells) {
                    Run ews = earlyWarning(world, ewsThreshold);
                    Score es = score(world, ews);
                    print(y + 1, "early warning", es, ews);
                    ewsTotals.add(es);
                    if (chance) {
                        ewsTotals.chance(score(world, ewsChance.get(y % quietYears)), "early warning");
                    }
                }
                if (looks >= 2) {
                    Run arrive = earlyWarningAsRecordsArrive(world, arriveThreshold, looks);
                    Score as = score(world, arrive);
                    print(y + 1, arriveName, as, arrive);
                    arriveTotals.add(as);
                }
                for (int v = 0; v < variants.size(); v++) {
                    Variant variant = variants.get(v);
                    World located = variant.locate(world);
                    // The oracle at the variant's locations: the outbreak's own locations (e.g. LSOAs)
                    // against their true mean, at the variant's threshold.
                    int[] oracle = oracle(located, variantThreshold[v]);
                    for (int k = 0; k < 4; k++) {
                        variantOracle[v][k] += oracle[k];
                    }
                    Run run = variant.run(located, variantThreshold[v]);
                    Score vs = score(located, run);
                    print(y + 1, variant.name(), vs, run);
                    variantTotals.get(v).add(vs);
                    if (chance) {
                        variantTotals.get(v).chance(score(located, variantChance.get(v).get(y % quietYears)), variant.name());
                    }
                }
            }
            if (withPlain) {
                summary.add(plainTotals.row(shape, "plain STP scan"));
            }
            if (withCells) {
                summary.add(ewsTotals.row(shape, "early warning"));
            }
            if (looks >= 2) {
                summary.add(arriveTotals.row(shape, arriveName));
            }
            for (int v = 0; v < variants.size(); v++) {
                summary.add(variantTotals.get(v).row(shape, variants.get(v).name()));
                summary.add("| " + shape + " | oracle bound at the locations of " + variants.get(v).name()
                        + " by day 0, 1, 2, 3 | " + Arrays.toString(variantOracle[v]) + " | | | | | |");
            }
            if (withCells) {
                summary.add("| " + shape + " | oracle bound: outbreaks at the early-warning threshold by day 0, 1, 2, 3 | "
                        + Arrays.toString(oracleTotals) + " | | | | |");
            }
        }
        System.out.println("| outbreaks | detector | found | median delay (days) | median hours from 00:00 of the first day "
                + "| rise repeat days | background false-alarm days | 'found' by chance (quiet-year alerts) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        summary.forEach(System.out::println);
    }

    /** Sums of scores over the evaluation years of one detector and shape. */
    private static final class Totals {
        private int found;
        private int outbreaks;
        private int repeats;
        private int background;
        private final List<Integer> delays = new ArrayList<>();
        private final List<Double> hours = new ArrayList<>();
        private int chanceFound = -1;

        /** A quiet year's alerts scored against this year's outbreaks: "detections" by chance. */
        void chance(Score s, String name) {
            System.out.printf("  %s: quiet-year alerts 'find' %d / %d of this year's outbreaks by chance%n", name, s.found(),
                    s.outbreaks());
            chanceFound = Math.max(chanceFound, 0) + s.found();
        }

        void add(Score s) {
            found += s.found();
            outbreaks += s.outbreaks();
            repeats += s.riseRepeatDays();
            background += s.backgroundDays();
            delays.addAll(s.delays());
            hours.addAll(s.hours());
        }

        String row(Shape shape, String detector) {
            Score all = new Score(found, outbreaks, delays, hours, 0, repeats, 0, background);
            return String.format("| %s | %s | %d / %d | %.1f | %.0f | %d | %d | %s |", shape, detector, found, outbreaks,
                    all.medianDelay(), all.medianHours(), repeats, background,
                    chanceFound < 0 ? "" : chanceFound + " / " + outbreaks);
        }
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
