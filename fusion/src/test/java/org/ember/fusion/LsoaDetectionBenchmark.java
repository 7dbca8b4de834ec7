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
 * calibration and scoring) with the early warning run per local authority, every simulated case
 * placed in its LSOA by the job's {@link AreaPlacer}, in two forms ({@code -Dbench.variants=lsoa},
 * {@code cells}, or both by default): "lsoa", one scanner per authority over its LSOA centroids
 * ({@link EarlyWarningLayer#newScanLatLon}), fed the authority's LSOA counts — what the stream ran
 * before it scanned cells; "cells", what the stream runs now: one scanner per authority over the
 * 250 m cells of its cases ({@link EarlyWarningLayer#location}, {@link EarlyWarningLayer#newScan},
 * {@link EarlyWarningLayer#settings}), an alert published on the LSOAs of its cells. Both are
 * scored against the outbreaks' and rises' LSOAs. A day's top score is the highest of its
 * authorities'. Run (docs/detection.md §4 "On LSOAs"):
 *
 * <pre>
 *   java -cp fusion/target/classes:fusion/target/test-classes:geo/target/classes:geo/target/test-classes:... \
 *     -Dember.data.dir=/work/shared/data -Dbench.detectors=ews -Dbench.looks=0 [-Dbench.cells=false] \
 *     [-Dbench.variants=cells] org.ember.fusion.LsoaDetectionBenchmark [years] [seed]
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
                    k -> FusionFixtures.SHAPES.scanLocations(k));
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
        DetectionBenchmark.Variant stream = DetectionBenchmark.Variant.of(
                "early warning on LSOA centroids (stream before cells)",
                world -> world.relocate(lsoaOfPoint, all),
                (located, threshold) -> perAuthority(located, ladLocations, ladOfLsoa, threshold));
        // The stream's form since issue 15: each authority scans the 250 m cells of its cases and
        // publishes per LSOA; a located point is "cell|lsoa" so that cases are counted per cell and
        // alerts scored on LSOAs.
        String[] cellLsoaOfPoint = new String[points.size()];
        Map<String, Map<String, Map<String, Integer>>> lsoasOfCellByLad = new TreeMap<>();
        Map<String, ScanLocation> cellLsoaLocations = new TreeMap<>();
        for (int p = 0; p < points.size(); p++) {
            if (lsoaOfPoint[p] != null) {
                String cell = points.get(p).cell().id();
                cellLsoaOfPoint[p] = cell + "|" + lsoaOfPoint[p];
                lsoasOfCellByLad.computeIfAbsent(ladOfLsoa.get(lsoaOfPoint[p]), k -> new TreeMap<>())
                        .computeIfAbsent(cell, k -> new TreeMap<>()).merge(lsoaOfPoint[p], 1, Integer::sum);
                ScanLocation centre = EarlyWarningLayer.location(FusionFixtures.SHAPES, cell);
                cellLsoaLocations.put(cellLsoaOfPoint[p], new ScanLocation(cellLsoaOfPoint[p], centre.x(), centre.y()));
            }
        }
        // A cell's LSOA in the stream is the majority of its recent incidents'; here of all its points.
        Map<String, Map<String, String>> lsoaOfCellByLad = new TreeMap<>();
        Map<String, Set<String>> idsOfLsoa = new HashMap<>();
        lsoasOfCellByLad.forEach((lad, cells) -> cells.forEach((cell, lsoas) -> lsoaOfCellByLad
                .computeIfAbsent(lad, k -> new TreeMap<>()).put(cell, lsoas.entrySet().stream()
                        .max(Map.Entry.comparingByValue()).orElseThrow().getKey())));
        cellLsoaLocations.keySet().forEach(id -> idsOfLsoa.computeIfAbsent(id.substring(id.indexOf('|') + 1),
                k -> new HashSet<>()).add(id));
        int maxCells = lsoaOfCellByLad.values().stream().mapToInt(Map::size).max().orElse(0);
        System.out.printf("cells variant: %d (cell, authority) scan locations, at most %d in one authority%n",
                lsoaOfCellByLad.values().stream().mapToInt(Map::size).sum(), maxCells);
        DetectionBenchmark.Variant cells = DetectionBenchmark.Variant.of(
                "early warning on cells per authority, published on LSOAs (stream)",
                world -> world.relocate(cellLsoaOfPoint, List.copyOf(cellLsoaLocations.values())),
                (located, threshold) -> cellsPerAuthority(located, lsoaOfCellByLad, ladOfLsoa, idsOfLsoa, threshold));
        List<DetectionBenchmark.Variant> variants = switch (System.getProperty("bench.variants", "lsoa,cells")) {
            case "lsoa" -> List.of(stream);
            case "cells" -> List.of(cells);
            default -> List.of(stream, cells);
        };
        DetectionBenchmark.run(args, points, variants);
    }

    /**
     * One stream scanner per local authority over its cells ({@link EarlyWarningLayer#location},
     * {@link EarlyWarningLayer#newScan}), fed each day's counts per cell; an alert is the set of
     * located ids ("cell|lsoa") of every LSOA labelling one of its cells, i.e. the LSOAs it is
     * published on.
     */
    static DetectionBenchmark.Run cellsPerAuthority(DetectionBenchmark.World world, Map<String, Map<String, String>> lsoaOfCellByLad,
            Map<String, String> ladOfLsoa, Map<String, Set<String>> idsOfLsoa, double threshold) {
        Map<String, EarlyWarningScan> scans = new TreeMap<>();
        lsoaOfCellByLad.forEach((lad, cells) -> scans.put(lad, EarlyWarningLayer.newScan(cells.keySet().stream()
                .map(c -> EarlyWarningLayer.location(FusionFixtures.SHAPES, c)).toList(), EarlyWarningLayer.settings(threshold))));
        return daily(world, scans, (id, n, byLad) -> {
            int bar = id.indexOf('|');
            byLad.computeIfAbsent(ladOfLsoa.get(id.substring(bar + 1)), k -> new HashMap<>())
                    .merge(id.substring(0, bar), n, Integer::sum);
        }, (lad, cluster) -> {
            Map<String, String> lsoaOfCell = lsoaOfCellByLad.get(lad);
            Set<String> published = new HashSet<>();
            cluster.cells().forEach(cell -> published.addAll(idsOfLsoa.getOrDefault(lsoaOfCell.get(cell), Set.of())));
            return published;
        });
    }

    /** One stream scanner per local authority, each fed its own LSOAs' counts of every day. */
    static DetectionBenchmark.Run perAuthority(DetectionBenchmark.World world, Map<String, List<ScanLocation>> ladLocations,
            Map<String, String> ladOfLsoa, double threshold) {
        Map<String, EarlyWarningScan> scans = new TreeMap<>();
        ladLocations.forEach((lad, locations) -> scans.put(lad,
                EarlyWarningLayer.newScanLatLon(locations, threshold)));
        return daily(world, scans,
                (lsoa, n, byLad) -> byLad.computeIfAbsent(ladOfLsoa.get(lsoa), k -> new HashMap<>()).put(lsoa, n),
                (lad, cluster) -> new HashSet<>(cluster.cells()));
    }

    /** Where one located id's count of a day goes: into its authority's counts by scan location. */
    @FunctionalInterface
    interface Sorter {
        void sort(String id, int count, Map<String, Map<String, Integer>> byLad);
    }

    /**
     * Two years of days through the authorities' scanners (the first year warms them up); per day
     * of the second, every alert as the located ids it is published on, and the day's top score.
     */
    private static DetectionBenchmark.Run daily(DetectionBenchmark.World world, Map<String, EarlyWarningScan> scans,
            Sorter sorter, java.util.function.BiFunction<String, EarlyWarningScan.Cluster, Set<String>> published) {
        int year = DetectionBenchmark.YEAR;
        List<List<Set<String>>> alerts = new ArrayList<>();
        double[] top = new double[year];
        long nanos = 0;
        for (int d = 0; d < 2 * year; d++) {
            Map<String, Map<String, Integer>> byLad = new HashMap<>();
            world.days().get(d).forEach((id, n) -> sorter.sort(id, n, byLad));
            List<Set<String>> today = new ArrayList<>();
            double dayTop = 0;
            long t0 = System.nanoTime();
            for (Map.Entry<String, EarlyWarningScan> e : scans.entrySet()) {
                EarlyWarningScan.Day day = e.getValue().addDay(DetectionBenchmark.START.plusDays(d),
                        byLad.getOrDefault(e.getKey(), Map.of()));
                dayTop = Math.max(dayTop, day.topScore());
                for (EarlyWarningScan.Cluster c : day.alerts()) {
                    today.add(published.apply(e.getKey(), c));
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
