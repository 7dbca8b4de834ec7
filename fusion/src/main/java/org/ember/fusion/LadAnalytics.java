package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.emerging.HotSpotCategory;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.CellHotspots;
import org.ember.geo.layers.EmergingCells;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.risk.AreaRisk;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.risk.RiskSignal;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.tension.TensionInput;
import org.ember.geo.tension.TensionScore;
import org.ember.geo.tension.TensionSettings;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.FusionMetricFamilies;

/**
 * One local authority's live picture, as plain Java over its {@link LadState}: linked incidents and
 * risk signals come in, hot cells, clusters, scan clusters, area metrics and tension go out. The
 * Flink function that owns the state calls {@link #onIncident}, {@link #onSignal} and
 * {@link #onTimer}; nothing here knows Flink.
 *
 * <p>What happens when:
 * <ul>
 *   <li>an incident arrives (new, joined, corrected or cancelled): it replaces its previous
 *       version, the seasonal history moves its count, and the space-time clusters are updated at
 *       once (a cancelled or moved incident rebuilds them);</li>
 *   <li>a risk signal arrives (a serious incident, a rivalry, intelligence): the areas it touches
 *       are re-scored at once, so tension rises as soon as a stabbing is known;</li>
 *   <li>every hour boundary while anything is live: old incidents and signals leave, cells get
 *       their window counts and Gi*, every area its metrics and tension; at local midnight the daily
 *       scan (and, on schedule, the emerging hot-spot categories) runs first; every snapshot period
 *       everything live is published again;</li>
 *   <li>when nothing is live any more, every published cell and area has been cleared, and the
 *       seasonal history is dropped after the configured idle time.</li>
 * </ul>
 * Only changes are published: what was last published is kept in state and compared.
 */
public final class LadAnalytics {
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;
    private static final int MAX_EVIDENCE = 10;
    private static final String WINDOW_7D = "7d";
    private static final String GI_Z = FusionMetricFamilies.windowed("gi_z", WINDOW_7D);
    private static final String CELL_COUNT = FusionMetricFamilies.incidents(WINDOW_7D, "all");
    // Metric names, spelt once (they are map keys thousands of times an hour).
    private static final String[] INCIDENTS_ALL = names(w -> FusionMetricFamilies.incidents(w, "all"));
    private static final String[] INCIDENTS_MULTI_AGENCY = names(w -> FusionMetricFamilies.incidents(w, "multi_agency"));
    private static final String[] INCIDENTS_HEALTH_ONLY = names(w -> FusionMetricFamilies.incidents(w, "health_only"));
    private static final String[] INCIDENTS_SERIOUS = names(w -> FusionMetricFamilies.incidents(w, "serious"));
    private static final String[] DISTINCT_AGENCIES = names(w -> FusionMetricFamilies.windowed("distinct_agencies", w));
    private static final String[] HEALTH_ONLY_SHARE = names(w -> FusionMetricFamilies.windowed("health_only_share", w));
    private static final String GI_Z_MAX = FusionMetricFamilies.windowed("gi_z_max", WINDOW_7D);
    private static final String HOT_CELLS = FusionMetricFamilies.windowed("hot_cells", WINDOW_7D);

    private static String[] names(java.util.function.UnaryOperator<String> name) {
        String[] out = new String[AreaTally.WINDOWS.length];
        for (int w = 0; w < out.length; w++) {
            out[w] = name.apply(AreaTally.WINDOWS[w]);
        }
        return out;
    }

    /** A cell is published again when its z moves by this much (counts, bins and labels always). */
    static final double Z_TOLERANCE = 0.5;
    /** An area is published again when a continuous metric moves by this much (5 %; counts always). */
    static final double AREA_TOLERANCE = 0.05;

    private final String lad;
    private final FusionContext context;
    private final FusionSettings settings;
    private final LadState state;
    private final LadCache cache;
    private final FusionOutputs out;

    public LadAnalytics(String lad, FusionContext context, LadState state, LadCache cache, FusionOutputs out) {
        this.lad = lad;
        this.context = context;
        this.settings = context.settings();
        this.state = state;
        this.cache = cache;
        this.out = out;
    }

    /** The first hour boundary strictly after {@code time}. */
    public static long nextHour(long time) {
        return Math.floorDiv(time, HOUR) * HOUR + HOUR;
    }

    // ------------------------------------------------------------------ arrivals

    public void onIncident(LinkedIncident incident, long watermark) {
        String id = incident.incidentId();
        FusedEvent previous = state.events().get(id);
        FusedEvent next = incident.cancelled() ? null : FusedEvent.of(incident, serious(incident));
        if (previous == null && next == null) {
            return;
        }
        if (countsForSeasonal(previous)) {
            adjustHistory(previous.time(), -1);
        }
        if (countsForSeasonal(next)) {
            adjustHistory(next.time(), +1);
        }
        if (next == null) {
            state.events().remove(id);
        } else {
            state.events().put(id, next);
        }
        LadMeta meta = meta();
        state.meta().set(new LadMeta(Math.max(meta.lastActivity(), incident.eventTime()), meta.lastEmerging()));
        ClusterCache clusters = clusters();
        if (clusters.contains(id) && (next == null || !next.samePlaceAndTime(previous))) {
            clusters.rebuild(values(state.events()));
        } else if (next != null) {
            clusters.add(next);
        }
        publishClusters(Math.max(incident.eventTime(), watermark));
    }

    public void onSignal(FusionSignal signal, long watermark) {
        RiskSignal s = signal.signal();
        RiskSignal replaced = state.signals().get(s.id());
        cache.touched.remove(s.id());
        if (signal.active()) {
            state.signals().put(s.id(), s);
        } else if (replaced != null) {
            state.signals().remove(s.id());
        } else {
            return;
        }
        if (state.meta().get() == null) {
            state.meta().set(new LadMeta(s.time(), -1));
        }
        evaluateAreas(areasTouchedBy(s), Math.max(s.time(), watermark), values(state.events()));
    }

    /**
     * An hour boundary (or a clean-up time) has passed.
     *
     * @return when to be called next, or −1 when nothing is left
     */
    public long onTimer(long time) {
        if (state.live()) {
            return tick(time);
        }
        LadMeta meta = state.meta().get();
        if (meta == null) {
            clearAll();
            return -1;
        }
        long cleanup = cleanupTime(meta);
        if (time >= cleanup) {
            clearAll();
            return -1;
        }
        return cleanup;
    }

    private long cleanupTime(LadMeta meta) {
        return nextHour(meta.lastActivity() + settings.seasonal().idleRetention().toMillis() - 1);
    }

    // ------------------------------------------------------------------ the hourly tick

    private long tick(long asOf) {
        long keepFrom = asOf - settings.hotspots().retention().toMillis();
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, FusedEvent> e : state.events().entries()) {
            if (e.getValue().time() < keepFrom) {
                old.add(e.getKey());
            }
        }
        old.forEach(state.events()::remove);
        List<String> faded = new ArrayList<>();
        for (Map.Entry<String, RiskSignal> e : state.signals().entries()) {
            if (!context.risk().live(e.getValue(), asOf)) {
                faded.add(e.getKey());
            }
        }
        faded.forEach(state.signals()::remove);
        if (!faded.isEmpty()) {
            faded.forEach(cache.touched::remove);
        }
        ClusterCache clusters = clusters();
        if (!old.isEmpty() && hasAny(old, clusters)) {
            clusters.rebuild(values(state.events()));
        }
        clusters.expire(asOf);
        publishClusters(asOf);

        LocalDate day = LondonHours.localDate(Instant.ofEpochMilli(asOf - 1));
        if (!day.equals(LondonHours.localDate(Instant.ofEpochMilli(asOf)))) {
            runScan(day, asOf);
            runEmerging(day);
        }
        List<FusedEvent> events = values(state.events());
        scoreCells(asOf, events);
        evaluateAreas(allAreas(events), asOf, events);
        if (asOf % settings.hotspots().snapshotEvery().toMillis() == 0) {
            snapshot(asOf);
        }
        SeasonalHistory history = state.history().get();
        if (history != null) {
            SeasonalHistory trimmed = history.trimmed(asOf, settings.seasonal().maxHistory().toMillis());
            if (trimmed != history) {
                state.history().set(trimmed);
            }
        }
        if (!state.events().isEmpty() || !state.signals().isEmpty()) {
            return asOf + HOUR;
        }
        // Nothing live: cells, areas and clusters were cleared above; scan and trend results go too.
        clearBook(state.scan());
        clearBook(state.emerging());
        clearBook(state.cells());
        clearBook(state.areas());
        clearBook(state.clusters());
        LadMeta meta = state.meta().get();
        return meta == null ? -1 : Math.max(asOf + HOUR, cleanupTime(meta));
    }

    private static boolean hasAny(List<String> ids, ClusterCache clusters) {
        for (String id : ids) {
            if (clusters.contains(id)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ clusters

    private ClusterCache clusters() {
        if (!cache.clusters.built()) {
            cache.clusters.rebuild(values(state.events()));
        }
        return cache.clusters;
    }

    private void publishClusters(long asOf) {
        TreeMap<Integer, List<String>> live = cache.clusters.clusters();
        Set<String> current = new LinkedHashSet<>();
        for (Map.Entry<Integer, List<String>> c : live.entrySet()) {
            String key = lad + ":" + c.getKey();
            current.add(key);
            List<String> members = c.getValue();
            Published old = state.clusters().get(key);
            if (old != null && old.members().equals(members)) {
                continue;
            }
            double lon = 0;
            double lat = 0;
            Map<String, Integer> lsoas = new TreeMap<>();
            for (String id : members) {
                FusedEvent e = state.events().get(id);
                if (e != null) {
                    lon += e.lon();
                    lat += e.lat();
                    if (e.lsoa() != null) {
                        lsoas.merge(e.lsoa(), 1, Integer::sum);
                    }
                }
            }
            Map<String, Double> values = Map.of("members", (double) members.size(), "lsoas", (double) lsoas.size());
            Map<String, String> labels = lsoas.isEmpty() ? Map.of()
                    : Map.of("lsoa", lsoas.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
            out.hotspot(new HotspotUpdate(HotspotUpdate.CLUSTER_CHANGED, "cluster", key, lad, asOf, lon / members.size(),
                    lat / members.size(), values, labels, members));
            state.clusters().put(key, new Published(values, labels, members));
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Published> e : state.clusters().entries()) {
            if (!current.contains(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String key : gone) {
            out.hotspot(new HotspotUpdate(HotspotUpdate.CLUSTER_CLEARED, "cluster", key, lad, asOf, null, null,
                    Map.of("members", 0.0), Map.of(), List.of()));
            state.clusters().remove(key);
        }
    }

    // ------------------------------------------------------------------ daily scan and trends

    private void runScan(LocalDate day, long asOf) {
        int studyDays = settings.hotspots().scan().studyDays();
        LocalDate first = day.minusDays(studyDays - 1L);
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        for (FusedEvent e : values(state.events())) {
            if (e.lsoa() == null) {
                continue;
            }
            LocalDate d = LondonHours.localDate(Instant.ofEpochMilli(e.time()));
            if (!d.isBefore(first) && !d.isAfter(day)) {
                counts.computeIfAbsent(d, k -> new HashMap<>()).merge(e.lsoa(), 1, Integer::sum);
            }
        }
        clearBook(state.scan());
        if (counts.isEmpty()) {
            return;
        }
        List<ScanLocation> locations = context.shapes().scanLocations(lad);
        List<ScanCluster> clusters = context.scan().run(locations, day, counts, Objects.hash(lad, day.toString()));
        Map<String, ScanLocation> byId = new HashMap<>();
        locations.forEach(l -> byId.put(l.id(), l));
        for (ScanCluster c : clusters) {
            String id = "scan:" + lad + ":" + day + ":" + c.rank();
            ScanHit hit = new ScanHit(id, c.centre(), c.locations(), String.valueOf(c.start()), String.valueOf(c.end()),
                    c.observed(), c.expected(), c.recurrenceDays());
            state.scan().put(id, hit);
            ScanLocation centre = byId.get(c.centre());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("scan_recurrence_days", round(c.recurrenceDays()));
            values.put("observed", (double) c.observed());
            values.put("expected", round(c.expected()));
            values.put("llr", round(c.llr()));
            Map<String, String> labels = Map.of("centre", c.centre(), "start", hit.start(), "end", hit.end());
            out.hotspot(new HotspotUpdate(HotspotUpdate.SCAN_CLUSTER, "scan", id, lad, asOf,
                    centre == null ? null : centre.y(), centre == null ? null : centre.x(), values, labels, c.locations()));
        }
    }

    private void runEmerging(LocalDate day) {
        LadMeta meta = meta();
        long every = Math.max(1, settings.hotspots().emergingEvery().toDays());
        if (meta.lastEmerging() >= 0 && day.toEpochDay() - meta.lastEmerging() < every) {
            return;
        }
        int steps = settings.hotspots().emergingSteps();
        LocalDate first = day.minusDays(steps - 1L);
        Map<String, long[]> daily = new TreeMap<>();
        for (FusedEvent e : values(state.events())) {
            if (e.cell() == null) {
                continue;
            }
            LocalDate d = LondonHours.localDate(Instant.ofEpochMilli(e.time()));
            if (!d.isBefore(first) && !d.isAfter(day)) {
                daily.computeIfAbsent(e.cell(), k -> new long[steps])[(int) (d.toEpochDay() - first.toEpochDay())]++;
            }
        }
        clearBook(state.emerging());
        for (Map.Entry<String, HotSpotCategory> e : context.emerging().classify(daily).entrySet()) {
            if (e.getValue() != HotSpotCategory.NO_PATTERN) {
                state.emerging().put(e.getKey(), e.getValue().name());
            }
        }
        state.meta().set(new LadMeta(meta.lastActivity(), day.toEpochDay()));
    }

    // ------------------------------------------------------------------ cells

    private void scoreCells(long asOf, List<FusedEvent> events) {
        List<CellHotspots.CellEvent> cellEvents = new ArrayList<>();
        // A cell can straddle LSOAs: it belongs to the one most of its incidents lie in.
        Map<String, Map<String, Integer>> lsoasOfCell = new HashMap<>();
        Map<String, Integer> membersOfCell = new HashMap<>();
        Map<String, Integer> clusterOf = cache.clusters.clusterOf();
        for (FusedEvent e : events) {
            if (e.cell() == null) {
                continue;
            }
            cellEvents.add(new CellHotspots.CellEvent(e.cell(), e.time()));
            if (e.lsoa() != null) {
                lsoasOfCell.computeIfAbsent(e.cell(), k -> new TreeMap<>()).merge(e.lsoa(), 1, Integer::sum);
            }
            // Event time may run ahead of the watermark: only what has happened by asOf counts.
            if (clusterOf.containsKey(e.id()) && e.time() <= asOf) {
                membersOfCell.merge(e.cell(), 1, Integer::sum);
            }
        }
        Map<String, CellHotspots.CellScore> scores = context.cellHotspots().score(cellEvents, asOf);
        Set<String> cells = new TreeSet<>(scores.keySet());
        cells.addAll(membersOfCell.keySet());
        for (Map.Entry<String, String> e : state.emerging().entries()) {
            cells.add(e.getKey());
        }
        for (Map.Entry<String, Published> e : state.cells().entries()) {
            cells.add(e.getKey());
        }
        for (String cell : cells) {
            CellHotspots.CellScore score = scores.get(cell);
            long count = score == null ? 0 : score.count();
            int bin = score == null ? 0 : score.bin();
            int members = membersOfCell.getOrDefault(cell, 0);
            String emerging = state.emerging().get(cell);
            boolean emergingHot = emerging != null && EmergingCells.hotNow(HotSpotCategory.valueOf(emerging));
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(CELL_COUNT, (double) count);
            values.put(GI_Z, score == null ? 0.0 : round(score.z()));
            values.put("cluster_members", (double) members);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("bin", Integer.toString(bin));
            labels.put("hot", Boolean.toString(score != null && score.hot()));
            Published old = state.cells().get(cell);
            Map<String, Integer> lsoas = lsoasOfCell.get(cell);
            String lsoa = lsoas == null ? (old == null ? null : old.labels().get("lsoa"))
                    : lsoas.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (lsoa != null) {
                labels.put("lsoa", lsoa);
            }
            if (emerging != null) {
                labels.put("emerging", HotSpotCategory.valueOf(emerging).label());
            }
            boolean empty = count == 0 && bin <= 0 && members == 0 && !emergingHot;
            if (empty) {
                if (old != null) {
                    Map<String, Double> zeros = zeros(values);
                    LonLat centre = centreOf(cell);
                    out.hotspot(new HotspotUpdate(HotspotUpdate.CELL_CLEARED, "cell", cell, lad, asOf, centre.lon(),
                            centre.lat(), zeros, labels, List.of()));
                    out.metrics(new AreaMetrics("cell", cell, asOf, "fusion", zeros));
                    state.cells().remove(cell);
                }
                continue;
            }
            // Gi* z moves a little whenever anything in the study area moves: only a real change is news.
            if (old == null || !old.labels().equals(labels) || materially(old.values(), values, Z_TOLERANCE)) {
                LonLat centre = centreOf(cell);
                out.hotspot(new HotspotUpdate(HotspotUpdate.CELL_SCORED, "cell", cell, lad, asOf, centre.lon(), centre.lat(),
                        values, labels, List.of()));
                out.metrics(new AreaMetrics("cell", cell, asOf, "fusion", values));
                state.cells().put(cell, new Published(values, labels, List.of()));
            }
        }
    }

    private static LonLat centreOf(String cell) {
        GridCell grid = GridCell.parse(cell);
        return BritishNationalGrid.toWgs84(grid.centreX(), grid.centreY());
    }

    /** Families whose values move continuously (z-scores, fading risks, expectations, shares). */
    private static final Set<String> CONTINUOUS = Set.of("gi_z", "gi_z_max", "near_repeat_risk", "rivalry_risk",
            "intel_tension", "navigator_risk", "tension_score", "seasonal_expected", "seasonal_exceedance",
            "seasonal_exceedance_probability", "health_only_share");

    private static final Map<String, Boolean> CONTINUOUS_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean continuous(String metric) {
        int brace = metric.indexOf('{');
        return CONTINUOUS.contains(brace < 0 ? metric : metric.substring(0, brace));
    }

    /**
     * Whether new values differ enough from the published ones to publish again: any count or level,
     * any metric appearing or disappearing, or a continuous value moving by at least
     * {@code tolerance} (relative above 1), or to or from zero. Slowly fading risks and drifting
     * z-scores are published in steps, not every hour.
     */
    static boolean materially(Map<String, Double> published, Map<String, Double> next, double tolerance) {
        if (!published.keySet().equals(next.keySet())) {
            return true;
        }
        for (Map.Entry<String, Double> e : next.entrySet()) {
            double before = published.get(e.getKey());
            double now = e.getValue();
            if (before == now) {
                continue;
            }
            if (!CONTINUOUS_NAMES.computeIfAbsent(e.getKey(), LadAnalytics::continuous) || (now == 0) != (before == 0)
                    || Math.abs(now - before) >= tolerance * Math.max(1, Math.abs(before))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ areas

    private Set<String> allAreas(List<FusedEvent> events) {
        Set<String> areas = new HashSet<>();
        areas.add(ladKey());
        for (FusedEvent e : events) {
            if (e.lsoa() != null) {
                areas.add(lsoaKey(e.lsoa()));
            }
        }
        for (RiskSignal s : values(state.signals())) {
            areas.addAll(areasTouchedBy(s));
        }
        for (Map.Entry<String, Published> e : state.areas().entries()) {
            areas.add(e.getKey());
        }
        return areas;
    }

    /** The areas of this authority a signal can change: its own, those its near-repeat radius reaches, the authority. */
    private Set<String> areasTouchedBy(RiskSignal s) {
        return cache.touched.computeIfAbsent(s.id(), id -> searchAreasTouchedBy(s));
    }

    private Set<String> searchAreasTouchedBy(RiskSignal s) {
        Set<String> areas = new HashSet<>();
        areas.add(ladKey());
        AreaShape named = context.shapes().lsoa(s.area());
        if (named != null && lad.equals(named.parent())) {
            areas.add(lsoaKey(s.area()));
        }
        if (RiskSignal.NEAR_REPEAT.equals(s.kind())) {
            for (String lsoa : context.shapes().lsoasWithin(lad, s.x(), s.y(), settings.risk().kernel().outerMetres())) {
                areas.add(lsoaKey(lsoa));
            }
        }
        return Set.copyOf(areas);
    }

    private String ladKey() {
        return cache.areaKeys.computeIfAbsent("lad", k -> "lad:" + lad);
    }

    /** {@code lsoa:<code>}, spelt once per LSOA: these keys are hashed thousands of times an hour. */
    private String lsoaKey(String lsoa) {
        return cache.areaKeys.computeIfAbsent(lsoa, k -> "lsoa:" + k);
    }

    private void evaluateAreas(Set<String> areaKeys, long asOf, List<FusedEvent> events) {
        Map<String, AreaTally> tallies = new HashMap<>();
        Map<String, Integer> clusterOf = cache.clusters.built() ? cache.clusters.clusterOf() : Map.of();
        String ladKey = ladKey();
        for (FusedEvent e : events) {
            List<String> keys = e.lsoa() == null ? List.of(ladKey) : List.of(ladKey, lsoaKey(e.lsoa()));
            for (String key : keys) {
                if (!areaKeys.contains(key)) {
                    continue;
                }
                AreaTally tally = tallies.computeIfAbsent(key, k -> new AreaTally());
                tally.add(e, asOf);
                Integer cluster = clusterOf.get(e.id());
                if (cluster != null && e.time() <= asOf) {
                    tally.clusterMembers++;
                    tally.clusters.add(cluster);
                }
            }
        }
        // Each area is judged only against the signals that can reach it.
        Map<String, List<RiskSignal>> signalsOf = new HashMap<>();
        for (RiskSignal s : values(state.signals())) {
            for (String key : areasTouchedBy(s)) {
                if (areaKeys.contains(key)) {
                    signalsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                }
            }
            String agency = RiskSignal.INTEL.equals(s.kind()) || RiskSignal.NAVIGATOR.equals(s.kind()) ? s.kind() : null;
            if (agency == null) {
                continue;
            }
            for (String key : List.of(ladKey, lsoaKey(s.area()))) {
                if (areaKeys.contains(key)) {
                    tallies.computeIfAbsent(key, k -> new AreaTally()).addAgency(agency, s.time(), asOf);
                }
            }
        }
        Map<String, CellSummary> cells = new HashMap<>();
        for (Map.Entry<String, Published> cell : state.cells().entries()) {
            Published p = cell.getValue();
            String emerging = state.emerging().get(cell.getKey());
            boolean emergingHot = emerging != null && EmergingCells.hotNow(HotSpotCategory.valueOf(emerging));
            String lsoa = p.labels().get("lsoa");
            for (String key : lsoa == null ? List.of(ladKey) : List.of(ladKey, lsoaKey(lsoa))) {
                cells.computeIfAbsent(key, k -> new CellSummary()).add(cell.getKey(), p, emergingHot);
            }
        }
        List<ScanHit> hits = values(state.scan());
        // Neighbourhoods first: the local authority's tension is read from theirs.
        List<String> ordered = new ArrayList<>(areaKeys);
        ordered.sort(Comparator.comparing((String k) -> k.startsWith("lad:")).thenComparing(k -> k));
        for (String key : ordered) {
            int colon = key.indexOf(':');
            String layer = key.substring(0, colon);
            String code = key.substring(colon + 1);
            evaluateArea(layer, code, tallies.getOrDefault(key, new AreaTally()),
                    cells.getOrDefault(key, new CellSummary()), hits, signalsOf.getOrDefault(key, List.of()), asOf);
        }
    }

    /** The published cells of one area, summed up. */
    private static final class CellSummary {
        double giMax;
        final List<String> hot = new ArrayList<>();
        final List<String> emerging = new ArrayList<>();

        void add(String cell, Published p, boolean emergingHot) {
            if (p.values().getOrDefault(CELL_COUNT, 0.0) > 0) {
                giMax = Math.max(giMax, p.values().getOrDefault(GI_Z, 0.0));
            }
            if ("true".equals(p.labels().get("hot"))) {
                hot.add(cell);
            }
            if (emergingHot) {
                emerging.add(cell);
            }
        }
    }

    private void evaluateArea(String layer, String code, AreaTally tally, CellSummary cells, List<ScanHit> hits,
            List<RiskSignal> signals, long asOf) {
        boolean isLad = "lad".equals(layer);
        Map<String, Double> values = new LinkedHashMap<>();
        List<TensionInput> inputs = new ArrayList<>();
        for (int w = 0; w < AreaTally.WINDOWS.length; w++) {
            values.put(INCIDENTS_ALL[w], (double) tally.all[w]);
            values.put(INCIDENTS_MULTI_AGENCY[w], (double) tally.multiAgency[w]);
            values.put(INCIDENTS_HEALTH_ONLY[w], (double) tally.healthOnly[w]);
            values.put(INCIDENTS_SERIOUS[w], (double) tally.serious[w]);
            values.put(DISTINCT_AGENCIES[w], (double) tally.agencies.get(w).size());
            if (tally.healthRecorded[w] > 0) {
                values.put(HEALTH_ONLY_SHARE[w], round((double) tally.healthOnly[w] / tally.healthRecorded[w]));
            }
        }
        double giMax = cells.giMax;
        List<String> hotCells = cells.hot;
        List<String> emergingCells = cells.emerging;
        values.put(GI_Z_MAX, round(giMax));
        values.put(HOT_CELLS, (double) hotCells.size());
        values.put("emerging_hot_cells", (double) emergingCells.size());
        values.put("cluster_members", (double) tally.clusterMembers);
        values.put("clusters", (double) tally.clusters.size());
        ScanHit bestHit = null;
        for (ScanHit hit : hits) {
            if ((isLad || hit.lsoas().contains(code)) && (bestHit == null || hit.recurrenceDays() > bestHit.recurrenceDays())) {
                bestHit = hit;
            }
        }
        values.put("scan_recurrence_days", bestHit == null ? 0.0 : round(bestHit.recurrenceDays()));

        AreaShape shape = context.shapes().shape(layer, code);
        AreaRisk risk = shape == null ? new AreaRisk(0, 0, 0, 0, List.of()) : context.risk().evaluate(shape, signals, asOf);
        values.put("near_repeat_risk", round(risk.nearRepeat()));
        values.put("rivalry_risk", round(risk.rivalry()));
        values.put("intel_tension", round(risk.intel()));
        values.put("navigator_risk", round(risk.navigator()));

        SeasonalExceedance.Result seasonal = isLad ? seasonal(asOf) : null;
        if (seasonal != null) {
            String window = settings.seasonal().window().toHours() + "h";
            values.put(FusionMetricFamilies.windowed("seasonal_observed", window), (double) seasonal.observed());
            values.put(FusionMetricFamilies.windowed("seasonal_expected", window), round(seasonal.expected()));
            values.put(FusionMetricFamilies.windowed("seasonal_exceedance_probability", window),
                    round(seasonal.probability()));
            values.put(FusionMetricFamilies.windowed("seasonal_exceedance", window), round(seasonal.score()));
            inputs.add(new TensionInput(TensionSettings.EXCEEDANCE, seasonal.score(), String.format(Locale.ROOT,
                    "%d police-recorded incidents in %s against %.1f expected (P = %.2g)", seasonal.observed(), window,
                    seasonal.expected(), seasonal.probability()), List.of()));
        }

        if (isLad) {
            inputs.add(neighbourhoodInput());
        } else {
            neighbourhoodInputs(inputs, tally, risk, hotCells, emergingCells, bestHit);
        }
        TensionScore score = context.tension().score(inputs);
        values.put("tension_score", round(score.score()));
        values.put("tension_level", (double) score.levelIndex());
        publishArea(layer, code, values, score, asOf);
    }

    /**
     * A local authority is as tense as its tensest neighbourhood (plus its own seasonal exceedance):
     * summing every neighbourhood's risk would make any large authority look alarming. The
     * neighbourhood's own tension update explains itself.
     */
    private TensionInput neighbourhoodInput() {
        String top = null;
        double best = 0;
        for (Map.Entry<String, Published> e : state.areas().entries()) {
            double score = e.getValue().values().getOrDefault("tension_score", 0.0);
            if (e.getKey().startsWith("lsoa:") && score > best) {
                best = score;
                top = e.getKey().substring("lsoa:".length());
            }
        }
        return new TensionInput(TensionSettings.NEIGHBOURHOOD, best,
                top == null ? "no tense neighbourhood" : String.format(Locale.ROOT, "tensest neighbourhood %s scores %.1f", top,
                        best), top == null ? List.of() : List.of(top));
    }

    private void neighbourhoodInputs(List<TensionInput> inputs, AreaTally tally, AreaRisk risk, List<String> hotCells,
            List<String> emergingCells, ScanHit bestHit) {
        inputs.add(riskInput(TensionSettings.NEAR_REPEAT, risk.nearRepeat(), risk.of(RiskSignal.NEAR_REPEAT),
                "serious incident(s) within " + (long) settings.risk().kernel().outerMetres() + " m in the last "
                        + settings.risk().kernel().lasts().toDays() + " days"));
        inputs.add(riskInput(TensionSettings.RIVALRY, risk.rivalry(), risk.of(RiskSignal.RIVALRY),
                "serious incident(s) in a rival area"));
        inputs.add(riskInput(TensionSettings.INTEL, risk.intel(), risk.of(RiskSignal.INTEL), "community tension report(s)"));
        inputs.add(riskInput(TensionSettings.NAVIGATOR, risk.navigator(), risk.of(RiskSignal.NAVIGATOR),
                "navigator high-risk assessment(s) or safeguarding referral(s)"));
        inputs.add(new TensionInput(TensionSettings.HOT_CELLS, hotCells.size(),
                hotCells.size() + " hot cell(s) (Gi* over " + settings.hotspots().giWindow().toDays() + " days)",
                capped(hotCells)));
        List<String> clusterIds = new ArrayList<>();
        tally.clusters.forEach(c -> clusterIds.add(lad + ":" + c));
        inputs.add(new TensionInput(TensionSettings.CLUSTER, tally.clusterMembers,
                tally.clusterMembers + " incident(s) in " + clusterIds.size() + " space-time cluster(s)", capped(clusterIds)));
        if (bestHit != null && bestHit.recurrenceDays() >= 1) {
            inputs.add(new TensionInput(TensionSettings.SCAN, Math.log10(bestHit.recurrenceDays()), String.format(Locale.ROOT,
                    "space-time scan cluster %s–%s: %d observed against %.1f expected, recurrence %.0f days",
                    bestHit.start(), bestHit.end(), bestHit.observed(), bestHit.expected(), bestHit.recurrenceDays()),
                    List.of(bestHit.id())));
        }
        inputs.add(new TensionInput(TensionSettings.MULTI_AGENCY, tally.multiAgency[0],
                tally.multiAgency[0] + " incident(s) reported by more than one agency in 24h", capped(tally.multiAgencyIds)));
        inputs.add(new TensionInput(TensionSettings.EMERGING, emergingCells.size(),
                emergingCells.size() + " emerging hot-spot cell(s)", capped(emergingCells)));
    }

    private static TensionInput riskInput(String signal, double value, List<AreaRisk.RiskContribution> parts, String what) {
        List<String> evidence = new ArrayList<>();
        Set<String> details = new LinkedHashSet<>();
        for (AreaRisk.RiskContribution c : parts) {
            if (!evidence.contains(c.incident())) {
                evidence.add(c.incident());
            }
            if (c.detail() != null && !c.detail().isBlank()) {
                details.add(c.detail());
            }
        }
        String detail = evidence.size() + " " + what + (details.isEmpty() ? "" : ": " + String.join("; ", capped(new ArrayList<>(details))));
        return new TensionInput(signal, value, detail, capped(evidence));
    }

    private void publishArea(String layer, String code, Map<String, Double> values, TensionScore score, long asOf) {
        String key = layer + ":" + code;
        Published old = state.areas().get(key);
        Map<String, String> labels = new LinkedHashMap<>(old == null ? Map.of() : old.labels());
        TensionScore previous = old == null || !labels.containsKey("level") ? null
                : new TensionScore(Double.parseDouble(labels.get("tension_published")), labels.get("level"),
                        Integer.parseInt(labels.get("level_index")), List.of());
        if (context.tension().changed(previous, score)) {
            List<TensionContribution> reasons = new ArrayList<>();
            for (org.ember.geo.tension.TensionContribution c : score.contributions()) {
                reasons.add(new TensionContribution(c.signal(), round(c.value()), c.weight(), round(c.points()), c.detail(),
                        c.evidence()));
            }
            out.tension(new TensionUpdate(TensionUpdate.TYPE, layer, code, lad, asOf, round(score.score()), score.level(),
                    score.levelIndex(), previous == null ? null : previous.level(), reasons));
            labels.put("level", score.level());
            labels.put("level_index", Integer.toString(score.levelIndex()));
            labels.put("tension_published", Double.toString(score.score()));
        }
        boolean empty = values.values().stream().allMatch(v -> v == 0);
        if (empty) {
            if (old != null) {
                Map<String, Double> zeros = zeros(values);
                out.hotspot(new HotspotUpdate(HotspotUpdate.AREA_CLEARED, layer, code, lad, asOf, null, null, zeros,
                        Map.of(), List.of()));
                out.metrics(new AreaMetrics(layer, code, asOf, "fusion", zeros));
                state.areas().remove(key);
            }
            return;
        }
        if (old == null || materially(old.values(), values, AREA_TOLERANCE)) {
            out.hotspot(new HotspotUpdate(HotspotUpdate.AREA_SCORED, layer, code, lad, asOf, null, null, values,
                    publicLabels(labels), List.of()));
            out.metrics(new AreaMetrics(layer, code, asOf, "fusion", values));
            state.areas().put(key, new Published(values, labels, List.of()));
        } else if (!old.labels().equals(labels)) {
            state.areas().put(key, new Published(old.values(), labels, List.of()));
        }
    }

    private static Map<String, String> publicLabels(Map<String, String> labels) {
        return labels.containsKey("level") ? Map.of("tension_level", labels.get("level")) : Map.of();
    }

    private void snapshot(long asOf) {
        for (Map.Entry<String, Published> e : state.cells().entries()) {
            GridCell grid = GridCell.parse(e.getKey());
            LonLat centre = BritishNationalGrid.toWgs84(grid.centreX(), grid.centreY());
            out.hotspot(new HotspotUpdate(HotspotUpdate.CELL_SNAPSHOT, "cell", e.getKey(), lad, asOf, centre.lon(),
                    centre.lat(), e.getValue().values(), e.getValue().labels(), List.of()));
        }
        for (Map.Entry<String, Published> e : state.areas().entries()) {
            int colon = e.getKey().indexOf(':');
            out.hotspot(new HotspotUpdate(HotspotUpdate.AREA_SNAPSHOT, e.getKey().substring(0, colon),
                    e.getKey().substring(colon + 1), lad, asOf, null, null, e.getValue().values(),
                    publicLabels(e.getValue().labels()), List.of()));
        }
    }

    // ------------------------------------------------------------------ seasonal

    private boolean countsForSeasonal(FusedEvent e) {
        if (e == null) {
            return false;
        }
        for (String feed : e.feeds()) {
            if (settings.seasonal().feeds().contains(feed)) {
                return true;
            }
        }
        return false;
    }

    private void adjustHistory(long time, int delta) {
        SeasonalHistory history = state.history().get();
        if (history == null) {
            if (delta < 0) {
                return;
            }
            history = SeasonalHistory.starting(time);
        }
        state.history().set(history.add(time, delta));
    }

    private SeasonalExceedance.Result seasonal(long asOf) {
        SeasonalHistory history = state.history().get();
        if (history == null) {
            return null;
        }
        long hour = Math.floorDiv(asOf, HOUR) * HOUR;
        if (cache.seasonalAsOf == hour && cache.seasonalHistory == history) {
            return cache.seasonalResult;
        }
        if (cache.seasonal == null) {
            cache.seasonal = new SeasonalExceedance(lad, context.calendar(), settings.seasonal());
        }
        cache.seasonalResult = cache.seasonal.evaluate(history.firstHour(), history.countsView(), hour).orElse(null);
        cache.seasonalAsOf = hour;
        cache.seasonalHistory = history;
        return cache.seasonalResult;
    }

    // ------------------------------------------------------------------ helpers

    private boolean serious(LinkedIncident incident) {
        return settings.risk().serious().assess(incident.weapon(), incident.responseCategory(), incident.penetrating(),
                incident.ageBand()).serious();
    }

    private LadMeta meta() {
        LadMeta meta = state.meta().get();
        return meta == null ? new LadMeta(Long.MIN_VALUE, -1) : meta;
    }

    private void clearAll() {
        clearBook(state.events());
        clearBook(state.signals());
        clearBook(state.cells());
        clearBook(state.areas());
        clearBook(state.clusters());
        clearBook(state.scan());
        clearBook(state.emerging());
        state.history().set(null);
        state.meta().set(null);
    }

    private static <V> void clearBook(LadState.Book<V> book) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, V> e : book.entries()) {
            keys.add(e.getKey());
        }
        keys.forEach(book::remove);
    }

    static <V> List<V> values(LadState.Book<V> book) {
        List<V> out = new ArrayList<>();
        for (Map.Entry<String, V> e : book.entries()) {
            out.add(e.getValue());
        }
        return out;
    }

    private static Map<String, Double> zeros(Map<String, Double> values) {
        Map<String, Double> zeros = new LinkedHashMap<>();
        values.keySet().forEach(k -> zeros.put(k, 0.0));
        return zeros;
    }

    private static List<String> capped(List<String> ids) {
        return ids.size() <= MAX_EVIDENCE ? ids : ids.subList(0, MAX_EVIDENCE);
    }

    /** Six decimals: enough for any metric, and stable enough that "unchanged" means unchanged. */
    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        return Math.round(value * 1e6) / 1e6;
    }
}
