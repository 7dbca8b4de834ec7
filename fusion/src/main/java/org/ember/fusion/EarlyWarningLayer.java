package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.EarlyWarningScan;
import org.ember.geo.scan.EarlyWarningSettings;
import org.ember.geo.scan.ScanLocation;

/**
 * The daily early-warning scan of one local authority ({@link EarlyWarningScan}, docs/detection.md
 * §4), run when a day closes, over the authority's 250 m grid cells — the cells its incidents fall in
 * ({@link FusedEvent#cell()}, the grid the cell layer publishes), at their centres in km of the
 * British National Grid; a record placed only in an LSOA (no point) counts at that LSOA's centroid,
 * a location of its own ({@link #locationId}) — and published per LSOA and local authority (docs/detection.md "On LSOAs":
 * scanning LSOA centroids dilutes a few cells' outbreak in a large LSOA's background). A cell's LSOA
 * is the one most of its incidents in state carry (ties to the lowest code, as the cell layer's
 * label), kept from the previous close when none is left; an LSOA's {@code early_warning_score} is the
 * highest score of a cluster of the latest closed day with a cell of that LSOA, the authority's the
 * highest of its cells. The scan needs a year of daily counts per cell, more than the 28 days of
 * incidents the state keeps, so its own state ({@link EarlyWarningHistory}: cells, their LSOAs and
 * counts) is kept in a slot of {@link LadState}; the scanner itself is kept in task memory from one
 * night to the next ({@link EarlyWarningKept}, following late changes) and restored from the history
 * only when it is missing or stands for another history (a restart). The
 * cells scanned are those of the history with a count in the days held plus those of the incidents
 * in state, in id order, so the set is a function of the state alone.
 *
 * <p>Late records (docs/rules.md "Late records"; docs/detection.md §4): an incident change (new,
 * corrected, cancelled) for a day already closed moves that day's count of its cell in the history at
 * once ({@link #onIncident}; a cell not scanned yet is added with no counts), so the next days'
 * baselines and windows include it; the closed day's score is not recomputed or re-published (nothing
 * is retracted, nothing waits). Days missed between two closes are counted from the incidents in
 * state, so a late record for such a day is counted when they are added.
 */
final class EarlyWarningLayer {
    /**
     * Threshold calibrated on 250 m cells (docs/detection.md §4, Calibration): 4 false-alarm days a
     * year over South Wales on 4 simulated quiet years ({@code DetectionBenchmark 4 15}: 13.115).
     */
    static final double THRESHOLD = 13.1;
    static final String METRIC = "early_warning_score";
    private static final String NO_LSOA = "";

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
     * Where an incident is counted: its 250 m grid cell, or for a record placed only in an area (no
     * point, so no cell) its LSOA, a location of its own at the LSOA's centroid; null when neither.
     */
    static String locationId(FusedEvent e) {
        return e.cell() != null ? e.cell() : e.lsoa();
    }

    /**
     * The scan location of a {@link #locationId}, in km of the British National Grid: a cell's centre,
     * an LSOA's centroid; null for an LSOA not covered.
     */
    static ScanLocation location(AreaShapes shapes, String id) {
        if (id.contains(":")) {
            GridCell cell = GridCell.parse(id);
            return new ScanLocation(id, cell.centreX() / 1000, cell.centreY() / 1000);
        }
        AreaShape lsoa = shapes.lsoa(id);
        return lsoa == null ? null : new ScanLocation(id, lsoa.x() / 1000, lsoa.y() / 1000);
    }

    /** A fresh scanner over cell {@link #location}s (no history). */
    static EarlyWarningScan newScan(List<ScanLocation> locations, EarlyWarningSettings settings) {
        return new EarlyWarningScan(locations, CoordinateSystem.CARTESIAN, settings);
    }

    /**
     * A scanner over LSOA centroids (latitude/longitude), as the stream scanned before it scanned cells:
     * kept for the comparisons of docs/detection.md "On LSOAs" and its tests, not used by the stream.
     */
    static EarlyWarningScan newScanLatLon(List<ScanLocation> lsoaCentroids, double threshold) {
        return new EarlyWarningScan(lsoaCentroids, CoordinateSystem.LAT_LON, settings(threshold));
    }

    /** Closes {@code day}: counts its incidents per cell, adds it (and any quiet days missed) to the scan. */
    void run(LocalDate day) {
        run(day, NightlyEvents.of(lad.state(), day));
    }

    /** {@link #run(LocalDate)} with the incidents in state as read and dated for the night. */
    void run(LocalDate day, NightlyEvents nightly) {
        EarlyWarningHistory before = lad.state().earlyWarning().get();
        int capacity = settings.baselineDays() + settings.maxDays();
        EarlyWarningHistory h = before == null || before.locationCount() == 0
                || day.toEpochDay() - before.lastEpochDay() > capacity ? null : before;
        if (h != null && !day.isAfter(LocalDate.ofEpochDay(h.lastEpochDay()))) {
            return; // this day was closed already
        }
        LadCache cache = lad.cache();
        // The scanner of the history in state, kept from the last night (else restored from state).
        EarlyWarningKept kept = cache.incremental && cache.earlyWarning != null && cache.earlyWarning.matches(h)
                ? cache.earlyWarning : null;
        cache.earlyWarning = null;
        List<FusedEvent> events = nightly.events();
        Cells cells = kept != null ? cells(kept, labels(events)) : cells(lsoaOfCell(h, events));
        if (cells.ids().length == 0) {
            cache.earlyWarning = kept;
            return;
        }
        List<ScanLocation> locations = cells.locations();
        // The kept scanner over tonight's cells when they changed (a cell's first incident, the last
        // count of one leaving the days held): what restoring it from state over them would give.
        EarlyWarningScan scan = kept != null ? (Arrays.equals(kept.ids, cells.ids()) ? kept.scan
                : kept.scan.withLocations(locations))
                : h == null ? newScan(locations, settings)
                : restore(locations, h, cache.incremental ? cache.earlyWarningNeighbours : null);
        Set<String> scanned = new HashSet<>(Arrays.asList(cells.ids()));
        LocalDate last = scan.lastDay();
        // Days with no tick had no live incidents when they ended: quiet days, not missing ones (apart
        // from late records for them that arrived since, which are in state and counted here).
        for (LocalDate d = last == null ? day : last.plusDays(1); d.isBefore(day); d = d.plusDays(1)) {
            scan.addDay(d, counts(d, nightly, scanned));
        }
        EarlyWarningScan.Day found = scan.addDay(day, counts(day, nightly, scanned));
        Map<String, Double> cellScores = found.cellScores();
        double[] scores = new double[locations.size()];
        for (int z = 0; z < scores.length; z++) {
            scores[z] = Publish.round(cellScores.getOrDefault(locations.get(z).id(), 0.0));
        }
        EarlyWarningScan.Held s = scan.held();
        EarlyWarningHistory written = new EarlyWarningHistory(cells.ids(), s.lastDay().toEpochDay(),
                s.daysSeen(), s.counts(), s.excess(), s.alerted(), scores, before == null ? 0 : before.lateChanges(),
                cells.lsoas());
        lad.state().earlyWarning().set(written);
        cache.earlyWarningScores = null;
        if (cache.incremental) {
            cache.earlyWarning = new EarlyWarningKept(scan, locations, cells.ids(), cells.lsoas(), written);
            cache.earlyWarningNeighbours = scan.neighbourIndex();
        }
    }

    /** The cells to scan in id order, with their LSOAs and scan locations. */
    private record Cells(String[] ids, String[] lsoas, List<ScanLocation> locations) {}

    /** The cells of {@link #lsoaOfCell} that have a {@link #location}. */
    private Cells cells(TreeMap<String, String> lsoaOfCell) {
        List<String> ids = new ArrayList<>();
        List<String> lsoas = new ArrayList<>();
        List<ScanLocation> locations = new ArrayList<>();
        lsoaOfCell.forEach((id, lsoa) -> {
            ScanLocation l = location(lad.context().shapes(), id);
            if (l != null) {
                ids.add(id);
                lsoas.add(lsoa);
                locations.add(l);
            }
        });
        return new Cells(ids.toArray(String[]::new), lsoas.toArray(String[]::new), locations);
    }

    /**
     * The same cells as {@code cells(lsoaOfCell(history, events))} for the history {@code kept} scans:
     * its cells with a count in the days held (their locations reused) merged in id order with the
     * cells of the incidents in state ({@code labels}).
     */
    private Cells cells(EarlyWarningKept kept, Map<String, String> labels) {
        String[] fresh = labels.keySet().toArray(String[]::new);
        Arrays.sort(fresh);
        List<String> ids = new ArrayList<>();
        List<String> lsoas = new ArrayList<>();
        List<ScanLocation> locations = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < kept.ids.length || j < fresh.length) {
            while (i < kept.ids.length && kept.scan.heldCases(i) == 0) {
                i++;
            }
            if (i >= kept.ids.length && j >= fresh.length) {
                break;
            }
            int c = i >= kept.ids.length ? 1 : j >= fresh.length ? -1 : kept.ids[i].compareTo(fresh[j]);
            if (c < 0) {
                ids.add(kept.ids[i]);
                lsoas.add(kept.lsoas[i]);
                locations.add(kept.locations.get(i));
                i++;
                continue;
            }
            String label = labels.get(fresh[j]);
            if (c == 0) {
                ids.add(kept.ids[i]);
                lsoas.add(label != null ? label : kept.lsoas[i]);
                locations.add(kept.locations.get(i));
                i++;
            } else {
                ScanLocation l = location(lad.context().shapes(), fresh[j]);
                if (l != null) {
                    ids.add(fresh[j]);
                    lsoas.add(label != null ? label : NO_LSOA);
                    locations.add(l);
                }
            }
            j++;
        }
        return new Cells(ids.toArray(String[]::new), lsoas.toArray(String[]::new), locations);
    }

    /**
     * The cells to scan with their LSOAs, in id order: the history's cells with a count in the days
     * held (label kept) and the cells of the incidents in state (label: their incidents' majority).
     */
    private static TreeMap<String, String> lsoaOfCell(EarlyWarningHistory h, List<FusedEvent> events) {
        TreeMap<String, String> out = new TreeMap<>();
        if (h != null) {
            String[] ids = h.idsView();
            String[] lsoas = h.lsoasView();
            int[] counts = h.countsView();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    int z = i % ids.length;
                    out.put(ids[z], lsoas[z]);
                }
            }
        }
        labels(events).forEach((cell, majority) -> {
            if (majority != null) {
                out.put(cell, majority);
            } else {
                out.putIfAbsent(cell, NO_LSOA);
            }
        });
        return out;
    }

    /** Each location of the incidents in state with their majority LSOA (ties to the lowest code; null when none has one). */
    private static Map<String, String> labels(List<FusedEvent> events) {
        Map<String, Lsoas> byCell = new HashMap<>();
        for (FusedEvent e : events) {
            String id = locationId(e);
            if (id != null) {
                Lsoas lsoas = byCell.get(id);
                if (lsoas == null) {
                    lsoas = new Lsoas();
                    byCell.put(id, lsoas);
                }
                if (e.lsoa() != null) {
                    lsoas.add(e.lsoa());
                }
            }
        }
        Map<String, String> out = new HashMap<>(byCell.size() * 2);
        byCell.forEach((cell, lsoas) -> out.put(cell, lsoas.majority()));
        return out;
    }

    /**
     * The LSOAs of one location's incidents with their counts: nearly always a single one, so a map
     * is made only when a second turns up (a location's incidents are counted every night).
     */
    private static final class Lsoas {
        private String single;
        private int count;
        private TreeMap<String, Integer> many;

        void add(String lsoa) {
            if (many != null) {
                many.merge(lsoa, 1, Integer::sum);
            } else if (single == null) {
                single = lsoa;
                count = 1;
            } else if (single.equals(lsoa)) {
                count++;
            } else {
                many = new TreeMap<>();
                many.put(single, count);
                many.put(lsoa, 1);
            }
        }

        /** The most frequent, ties to the lowest code; null when none. */
        String majority() {
            if (many == null) {
                return single;
            }
            String best = null;
            int most = 0;
            for (Map.Entry<String, Integer> e : many.entrySet()) {
                if (best == null || e.getValue() > most) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            return best;
        }
    }

    /**
     * An incident replaced {@code previous} by {@code next} (either may be null): the versions whose
     * local day is already closed move that day's count of their cell in the history (a cell not held
     * yet is added, labelled with the incident's LSOA). A version of a day not closed yet is counted
     * when its day closes, from the incidents in state.
     */
    void onIncident(FusedEvent previous, FusedEvent next) {
        EarlyWarningHistory history = lad.state().earlyWarning().get();
        if (history == null) {
            return;
        }
        Map<Long, Map<String, Integer>> deltas = new HashMap<>();
        move(deltas, previous, -1);
        move(deltas, next, 1);
        EarlyWarningHistory revised = history;
        if (next != null && locationId(next) != null && held(history, next)
                && location(lad.context().shapes(), locationId(next)) != null) {
            revised = revised.withLocation(locationId(next), next.lsoa());
        }
        revised = revised.revised(deltas);
        if (revised.lateChanges() != history.lateChanges()) {
            lad.state().earlyWarning().set(revised);
            EarlyWarningKept kept = lad.cache().earlyWarning;
            if (kept != null && !(kept.matches(history) && kept.follow(revised, deltas))) {
                lad.cache().earlyWarning = null;
            }
        }
    }

    private static boolean held(EarlyWarningHistory h, FusedEvent e) {
        long back = h.lastEpochDay() - day(e);
        return back >= 0 && back < h.daysHeld();
    }

    private static long day(FusedEvent e) {
        return LondonHours.localDate(Instant.ofEpochMilli(e.time())).toEpochDay();
    }

    private static void move(Map<Long, Map<String, Integer>> deltas, FusedEvent e, int delta) {
        if (e != null && locationId(e) != null) {
            deltas.computeIfAbsent(day(e), k -> new HashMap<>()).merge(locationId(e), delta, Integer::sum);
        }
    }

    /** The scanner of history {@code h} over {@code locations}, its neighbour index derived from {@code neighbours} when given. */
    private EarlyWarningScan restore(List<ScanLocation> locations, EarlyWarningHistory h,
            org.ember.geo.scan.NeighbourIndex neighbours) {
        return EarlyWarningScan.restore(locations, CoordinateSystem.CARTESIAN, settings, new EarlyWarningScan.Held(
                h.idsView(), LocalDate.ofEpochDay(h.lastEpochDay()), h.daysSeen(), h.countsView(), h.excessView(),
                h.alertedView()), neighbours);
    }

    /**
     * Incidents per scanned cell on {@code day}: from the time index of the incidents in state (the
     * day's own incidents only), or walking every incident when the layers run from scratch.
     */
    private Map<String, Integer> counts(LocalDate day, NightlyEvents nightly, Set<String> scanned) {
        Map<String, Integer> counts = new HashMap<>();
        if (lad.cache().incremental) {
            long from = day.atStartOfDay(LondonHours.LONDON).toInstant().toEpochMilli();
            long to = day.plusDays(1).atStartOfDay(LondonHours.LONDON).toInstant().toEpochMilli();
            List<String> ids = new ArrayList<>();
            lad.eventTimes().between(from - 1, to - 1, ids); // [from, to)
            for (String eventId : ids) {
                String id = locationId(lad.state().events().get(eventId));
                if (id != null && scanned.contains(id)) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
            return counts;
        }
        long epochDay = day.toEpochDay();
        for (int k = 0; k < nightly.size(); k++) {
            String id = locationId(nightly.event(k));
            if (id != null && scanned.contains(id) && nightly.epochDay(k) == epochDay) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * {@code early_warning_score} of an LSOA (the highest score of its cells, i.e. of a cluster touching
     * it) or, for the authority's own code, the highest of its cells, from the latest closed day; 0
     * when none.
     */
    static double score(LadScope lad, String area) {
        Map<String, Double> scores = lad.cache().earlyWarningScores;
        if (scores == null) {
            scores = new HashMap<>();
            EarlyWarningHistory h = lad.state().earlyWarning().get();
            double max = 0;
            if (h != null) {
                String[] lsoas = h.lsoas();
                double[] s = h.scores();
                for (int z = 0; z < lsoas.length; z++) {
                    if (s[z] > 0) {
                        if (!lsoas[z].equals(NO_LSOA)) {
                            scores.merge(lsoas[z], s[z], Math::max);
                        }
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
