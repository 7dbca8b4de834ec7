package org.ember.fusion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.scan.DetectionBenchmark;
import org.ember.geo.scan.EarlyWarningScan;
import org.ember.geo.scan.ScanLocation;

/**
 * The detection benchmark (geo's {@link DetectionBenchmark}: the same simulated worlds, quiet-year
 * calibration and scoring) with the early warning run as the stream runs it: every simulated case
 * placed in its LSOA by the job's {@link AreaPlacer}, one scanner per local authority over
 * {@link EarlyWarningLayer#locations} (LSOA centroids), built by {@link EarlyWarningLayer#newScan}
 * with {@link EarlyWarningLayer#settings}, fed each closed day's counts of the authority's LSOAs. A
 * day's top score is the highest of its authorities'. Run (docs/detection.md §4):
 *
 * <pre>
 *   java -cp fusion/target/classes:fusion/target/test-classes:geo/target/classes:geo/target/test-classes:... \
 *     -Dember.data.dir=/work/shared/data -Dbench.detectors=ews -Dbench.looks=0 \
 *     org.ember.fusion.LsoaDetectionBenchmark [years] [seed]
 * </pre>
 */
public final class LsoaDetectionBenchmark {
    private LsoaDetectionBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<DetectionBenchmark.MapPoint> points = DetectionBenchmark.southWalesViolence();
        String[] lsoaOfPoint = new String[points.size()];
        Map<String, List<ScanLocation>> ladLocations = new TreeMap<>();
        Map<String, String> ladOfLsoa = new HashMap<>();
        int outside = 0;
        for (int p = 0; p < points.size(); p++) {
            AreaPlacer.Result placed = FusionFixtures.PLACER.placeLonLat(points.get(p).lon(), points.get(p).lat());
            if (!placed.placed()) {
                outside++;
                continue;
            }
            String lad = placed.placement().lad();
            List<ScanLocation> locations = ladLocations.computeIfAbsent(lad,
                    k -> EarlyWarningLayer.locations(FusionFixtures.SHAPES, k));
            String lsoa = placed.placement().lsoa();
            if (locations.stream().noneMatch(l -> l.id().equals(lsoa))) {
                throw new IllegalStateException(lsoa + " is not a scan location of " + lad);
            }
            lsoaOfPoint[p] = lsoa;
            ladOfLsoa.put(lsoa, lad);
        }
        List<ScanLocation> all = new ArrayList<>();
        ladLocations.values().forEach(all::addAll);
        System.out.printf("LSOA variant: %d points placed in %d LSOA scan locations of %d local authorities "
                + "(%d outside the coverage, dropped)%n", points.size() - outside, all.size(), ladLocations.size(), outside);
        DetectionBenchmark.Variant stream = new DetectionBenchmark.Variant() {
            @Override
            public String name() {
                return "early warning on LSOAs (stream)";
            }

            @Override
            public DetectionBenchmark.World locate(DetectionBenchmark.World world) {
                return world.relocate(lsoaOfPoint, all);
            }

            @Override
            public DetectionBenchmark.Run run(DetectionBenchmark.World located, double threshold) {
                return perAuthority(located, ladLocations, ladOfLsoa, threshold);
            }
        };
        DetectionBenchmark.run(args, points, List.of(stream));
    }

    /** One stream scanner per local authority, each fed its own LSOAs' counts of every day. */
    static DetectionBenchmark.Run perAuthority(DetectionBenchmark.World world, Map<String, List<ScanLocation>> ladLocations,
            Map<String, String> ladOfLsoa, double threshold) {
        Map<String, EarlyWarningScan> scans = new TreeMap<>();
        ladLocations.forEach((lad, locations) -> scans.put(lad,
                EarlyWarningLayer.newScan(locations, EarlyWarningLayer.settings(threshold))));
        int year = DetectionBenchmark.YEAR;
        List<List<Set<String>>> alerts = new ArrayList<>();
        double[] top = new double[year];
        long nanos = 0;
        for (int d = 0; d < 2 * year; d++) {
            Map<String, Map<String, Integer>> byLad = new HashMap<>();
            world.days().get(d).forEach((lsoa, n) -> byLad.computeIfAbsent(ladOfLsoa.get(lsoa), k -> new HashMap<>()).put(lsoa, n));
            List<Set<String>> today = new ArrayList<>();
            double dayTop = 0;
            long t0 = System.nanoTime();
            for (Map.Entry<String, EarlyWarningScan> e : scans.entrySet()) {
                EarlyWarningScan.Day day = e.getValue().addDay(DetectionBenchmark.START.plusDays(d),
                        byLad.getOrDefault(e.getKey(), Map.of()));
                dayTop = Math.max(dayTop, day.topScore());
                for (EarlyWarningScan.Cluster c : day.alerts()) {
                    today.add(new HashSet<>(c.cells()));
                }
            }
            if (d >= year) {
                nanos += System.nanoTime() - t0;
                top[d - year] = dayTop;
                alerts.add(today);
            }
        }
        return new DetectionBenchmark.Run(alerts, top, nanos / 1e9 / year);
    }
}
