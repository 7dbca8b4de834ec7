package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.calendar.LondonHours;
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
 * scanner is rebuilt from it each night. Late records for a day already closed are not counted.
 */
final class EarlyWarningLayer {
    /** Threshold calibrated in docs/detection.md §4 (on 250 m cells; LSOAs are fewer and larger). */
    static final double THRESHOLD = 13.1;
    static final String METRIC = "early_warning_score";

    private final LadScope lad;
    private final EarlyWarningSettings settings;

    EarlyWarningLayer(LadScope lad) {
        this(lad, EarlyWarningSettings.defaults(THRESHOLD));
    }

    EarlyWarningLayer(LadScope lad, EarlyWarningSettings settings) {
        this.lad = lad;
        this.settings = settings;
    }

    /** Closes {@code day}: counts its incidents per LSOA, adds it (and any quiet days missed) to the scan. */
    void run(LocalDate day) {
        List<ScanLocation> locations = new ArrayList<>(lad.context().shapes().scanLocations(lad.lad()));
        if (locations.isEmpty()) {
            return;
        }
        locations.sort(Comparator.comparing(ScanLocation::id));
        EarlyWarningScan scan = restore(locations, day);
        LocalDate last = scan.lastDay();
        if (last != null && !day.isAfter(last)) {
            return; // this day was closed already
        }
        // Days with no tick had no live incidents: they are quiet days, not missing ones.
        for (LocalDate d = last == null ? day : last.plusDays(1); d.isBefore(day); d = d.plusDays(1)) {
            scan.addDay(d, Map.of());
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
        lad.state().earlyWarning().set(new EarlyWarningHistory(s.ids().toArray(String[]::new), s.lastDay().toEpochDay(),
                s.daysSeen(), flat, s.excess(), s.alerted(), scores));
        lad.cache().earlyWarningScores = null;
    }

    private EarlyWarningScan restore(List<ScanLocation> locations, LocalDate day) {
        EarlyWarningHistory h = lad.state().earlyWarning().get();
        int capacity = settings.baselineDays() + settings.maxDays();
        if (h == null || h.ids().length == 0 || day.toEpochDay() - h.lastEpochDay() > capacity) {
            return new EarlyWarningScan(locations, CoordinateSystem.LAT_LON, settings);
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
