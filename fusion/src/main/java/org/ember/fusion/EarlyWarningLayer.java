package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.EarlyWarningScan;
import org.ember.geo.scan.EarlyWarningSettings;
import org.ember.geo.scan.ScanLocation;

/**
 * The daily early-warning scan of one local authority ({@link EarlyWarningScan}, docs/detection.md
 * §4), run when a day closes, next to the daily space-time scan and over the same locations: the
 * authority's LSOA centroids, so the "cells" of {@code early_warning_score} in the stream are LSOAs.
 * The scan needs a year of daily counts per location, more than the 28 days of incidents the state
 * keeps, so its own state ({@link EarlyWarningHistory}) is kept in a slot of {@link LadState} and the
 * scanner is rebuilt from it each night.
 *
 * <p>Late records (docs/rules.md "Late records"; docs/detection.md §4): an incident change (new,
 * corrected, cancelled) for a day already closed moves that day's count in the history at once
 * ({@link #onIncident}), so the next days' baselines and windows include it; the closed day's score is
 * not recomputed or re-published (nothing is retracted, nothing waits). Days missed between two closes
 * are counted from the incidents in state, so a late record for such a day is counted when they are
 * added.
 */
final class EarlyWarningLayer {
    /**
     * Threshold calibrated for what the stream scans (docs/detection.md §4, "On LSOAs"): one scanner
     * per local authority over its LSOA centroids, 4 false-alarm days a year over South Wales on 4
     * simulated quiet years ({@code LsoaDetectionBenchmark 4 15}: 11.698). The 250 m cells of the
     * geo benchmark need 13.1 for the same rate.
     */
    static final double THRESHOLD = 11.7;
    static final String METRIC = "early_warning_score";

    private final LadScope lad;
    private final EarlyWarningSettings settings;

    EarlyWarningLayer(LadScope lad) {
        this(lad, settings(THRESHOLD));
    }

    /** The settings the stream scans with, at {@code threshold}. */
    static EarlyWarningSettings settings(double threshold) {
        return EarlyWarningSettings.defaults(threshold);
    }

    EarlyWarningLayer(LadScope lad, EarlyWarningSettings settings) {
        this.lad = lad;
        this.settings = settings;
    }

    /**
     * The locations the stream scans for one local authority: its LSOA centroids (latitude/longitude),
     * by code. The detection benchmark's LSOA variant uses this and {@link #newScan}, so its figures
     * are those of what the stream runs.
     */
    static List<ScanLocation> locations(AreaShapes shapes, String lad) {
        List<ScanLocation> locations = new ArrayList<>(shapes.scanLocations(lad));
        locations.sort(Comparator.comparing(ScanLocation::id));
        return locations;
    }

    /** A fresh scanner over an authority's {@link #locations} (no history). */
    static EarlyWarningScan newScan(List<ScanLocation> locations, EarlyWarningSettings settings) {
        return new EarlyWarningScan(locations, CoordinateSystem.LAT_LON, settings);
    }

    /** Closes {@code day}: counts its incidents per LSOA, adds it (and any quiet days missed) to the scan. */
    void run(LocalDate day) {
        List<ScanLocation> locations = locations(lad.context().shapes(), lad.lad());
        if (locations.isEmpty()) {
            return;
        }
        EarlyWarningScan scan = restore(locations, day);
        LocalDate last = scan.lastDay();
        if (last != null && !day.isAfter(last)) {
            return; // this day was closed already
        }
        // Days with no tick had no live incidents when they ended: quiet days, not missing ones (apart
        // from late records for them that arrived since, which are in state and counted here).
        for (LocalDate d = last == null ? day : last.plusDays(1); d.isBefore(day); d = d.plusDays(1)) {
            scan.addDay(d, counts(d, locations));
        }
        EarlyWarningScan.Day found = scan.addDay(day, counts(day, locations));
        Map<String, Double> cellScores = found.cellScores();
        double[] scores = new double[locations.size()];
        for (int z = 0; z < scores.length; z++) {
            scores[z] = Publish.round(cellScores.getOrDefault(locations.get(z).id(), 0.0));
        }
        EarlyWarningScan.Snapshot s = scan.snapshot();
        int[][] byBack = s.countsByBack();
        int n = locations.size();
        int[] flat = new int[byBack.length * n];
        for (int back = 0; back < byBack.length; back++) {
            System.arraycopy(byBack[back], 0, flat, back * n, n);
        }
        EarlyWarningHistory before = lad.state().earlyWarning().get();
        lad.state().earlyWarning().set(new EarlyWarningHistory(s.ids().toArray(String[]::new), s.lastDay().toEpochDay(),
                s.daysSeen(), flat, s.excess(), s.alerted(), scores, before == null ? 0 : before.lateChanges()));
        lad.cache().earlyWarningScores = null;
    }

    /**
     * An incident replaced {@code previous} by {@code next} (either may be null): the versions whose
     * local day is already closed move that day's count of their LSOA in the history. A version of a
     * day not closed yet is counted when its day closes, from the incidents in state.
     */
    void onIncident(FusedEvent previous, FusedEvent next) {
        EarlyWarningHistory history = lad.state().earlyWarning().get();
        if (history == null) {
            return;
        }
        Map<Long, Map<String, Integer>> deltas = new HashMap<>();
        move(deltas, previous, -1);
        move(deltas, next, 1);
        EarlyWarningHistory revised = history.revised(deltas);
        if (revised != history) {
            lad.state().earlyWarning().set(revised);
        }
    }

    private static void move(Map<Long, Map<String, Integer>> deltas, FusedEvent e, int delta) {
        if (e != null && e.lsoa() != null) {
            long day = LondonHours.localDate(Instant.ofEpochMilli(e.time())).toEpochDay();
            deltas.computeIfAbsent(day, k -> new HashMap<>()).merge(e.lsoa(), delta, Integer::sum);
        }
    }

    private EarlyWarningScan restore(List<ScanLocation> locations, LocalDate day) {
        EarlyWarningHistory h = lad.state().earlyWarning().get();
        int capacity = settings.baselineDays() + settings.maxDays();
        if (h == null || h.ids().length == 0 || day.toEpochDay() - h.lastEpochDay() > capacity) {
            return newScan(locations, settings);
        }
        String[] ids = h.ids();
        int[] counts = h.counts();
        int[][] byBack = new int[counts.length / ids.length][ids.length];
        for (int back = 0; back < byBack.length; back++) {
            System.arraycopy(counts, back * ids.length, byBack[back], 0, ids.length);
        }
        return EarlyWarningScan.restore(locations, CoordinateSystem.LAT_LON, settings, new EarlyWarningScan.Snapshot(
                List.of(ids), LocalDate.ofEpochDay(h.lastEpochDay()), h.daysSeen(), byBack, h.excess(), h.alerted()));
    }

    private Map<String, Integer> counts(LocalDate day, List<ScanLocation> locations) {
        Map<String, Integer> known = new HashMap<>();
        locations.forEach(l -> known.put(l.id(), 0));
        Map<String, Integer> counts = new HashMap<>();
        for (FusedEvent e : Publish.values(lad.state().events())) {
            if (e.lsoa() != null && known.containsKey(e.lsoa())
                    && LondonHours.localDate(Instant.ofEpochMilli(e.time())).equals(day)) {
                counts.merge(e.lsoa(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * {@code early_warning_score} of an LSOA (or, for the authority's own code, the highest of its
     * LSOAs) from the latest closed day; 0 when none.
     */
    static double score(LadScope lad, String area) {
        Map<String, Double> scores = lad.cache().earlyWarningScores;
        if (scores == null) {
            scores = new HashMap<>();
            EarlyWarningHistory h = lad.state().earlyWarning().get();
            double max = 0;
            if (h != null) {
                String[] ids = h.ids();
                double[] s = h.scores();
                for (int z = 0; z < ids.length; z++) {
                    if (s[z] > 0) {
                        scores.put(ids[z], s[z]);
                        max = Math.max(max, s[z]);
                    }
                }
            }
            scores.put(lad.lad(), max);
            lad.cache().earlyWarningScores = scores;
        }
        return scores.getOrDefault(area, 0.0);
    }
}
