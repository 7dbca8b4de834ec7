package org.ember.geo.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.IncrementalProspectiveScan;
import org.ember.geo.scan.KulldorffScan;
import org.ember.geo.scan.ScanAnalysis;
import org.ember.geo.scan.ScanCase;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanModel;
import org.ember.geo.scan.ScanParameters;
import org.ember.geo.scan.ScanResult;

/**
 * Timing of the prospective space-time permutation scan (JMH is not available offline here, so this
 * is a plain main with warm-up runs). Synthetic force-sized area: 2,000 locations uniformly in a
 * 40 km x 40 km square, 365 days, about 80 cases a day, max 7 days, 999 replications.
 *
 * <pre>
 *   cd /work/main && mvn -B -q -o test-compile -pl geo
 *   java -cp geo/target/classes:geo/target/test-classes org.ember.geo.bench.ScanBenchmark [radiusKm] [casesPerDay]
 * </pre>
 */
public final class ScanBenchmark {
    private ScanBenchmark() {}

    public static void main(String[] args) {
        double radius = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int perDay = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        int locationsCount = 2000;
        int days = 365;
        int replications = 999;
        SplittableRandom random = new SplittableRandom(2025);
        List<ScanLocation> locations = new ArrayList<>();
        for (int i = 0; i < locationsCount; i++) {
            locations.add(new ScanLocation("L" + i, random.nextDouble() * 40, random.nextDouble() * 40));
        }
        LocalDate start = LocalDate.of(2025, 1, 1);
        List<ScanCase> cases = new ArrayList<>();
        List<Map<String, Integer>> perDayCounts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Map<String, Integer> today = new HashMap<>();
            for (int k = 0; k < perDay; k++) {
                // Skewed towards low-numbered locations so that counts are uneven, as with real crime.
                int z = (int) (locationsCount * Math.pow(random.nextDouble(), 2));
                today.merge("L" + z, 1, Integer::sum);
            }
            perDayCounts.add(today);
            LocalDate date = start.plusDays(d);
            today.forEach((loc, n) -> cases.add(new ScanCase(loc, n, date)));
        }
        LocalDate end = start.plusDays(days - 1);
        System.out.printf("locations %d, days %d, cases %d, radius %.1f km, max 7 days, B = %d%n", locationsCount,
                days, cases.stream().mapToLong(ScanCase::count).sum(), radius, replications);

        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, start, end,
                radius, 0.5, 7, replications, 1L, 2);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            ScanResult r = new KulldorffScan(locations, CoordinateSystem.CARTESIAN, p).run(cases, null);
            long t1 = System.nanoTime();
            System.out.printf("full prospective scan (neighbour index + observed + %d replications): %.0f ms; "
                    + "top LLR %.3f p %.3f%n", replications, (t1 - t0) / 1e6, r.clusters().get(0).llr(),
                    r.clusters().get(0).pValue());
        }

        long t0 = System.nanoTime();
        IncrementalProspectiveScan stream =
                new IncrementalProspectiveScan(locations, CoordinateSystem.CARTESIAN, radius, 0.5, days, 7, 2);
        long t1 = System.nanoTime();
        for (int d = 0; d < days; d++) {
            stream.addDay(start.plusDays(d), perDayCounts.get(d));
        }
        long t2 = System.nanoTime();
        System.out.printf("incremental: neighbour index once %.0f ms; %d addDay calls %.1f ms (%.3f ms each)%n",
                (t1 - t0) / 1e6, days, (t2 - t1) / 1e6, (t2 - t1) / 1e6 / days);
        double[] dailyMs = new double[7];
        for (int d = 0; d < dailyMs.length; d++) {
            Map<String, Integer> today = perDayCounts.get(d);
            long a = System.nanoTime();
            stream.addDay(end.plusDays(d + 1), today);
            ScanResult r = stream.scan(replications, d);
            long b = System.nanoTime();
            dailyMs[d] = (b - a) / 1e6;
            System.out.printf("daily update %d (addDay + scan with %d replications): %.0f ms, %d clusters%n", d + 1,
                    replications, dailyMs[d], r.clusters().size());
        }
        java.util.Arrays.sort(dailyMs);
        System.out.printf("daily update median %.0f ms%n", dailyMs[dailyMs.length / 2]);
    }
}
