package org.ember.fusion;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.ember.geo.layers.SeasonalExceedance;

/**
 * Task-memory companions of one local authority's Flink state: the live clustering, the live Gi* and
 * the fitted seasonal baseline. All are rebuilt from state when missing (after a restart), so losing them
 * loses nothing.
 */
public final class LadCache {
    final ClusterCache clusters;
    /** The live Gi* of the cells (null until first used). */
    LiveGiStar gi;
    SeasonalExceedance seasonal;
    long seasonalAsOf = Long.MIN_VALUE;
    SeasonalHistory seasonalHistory;
    SeasonalExceedance.Result seasonalResult;
    /** The area keys each live signal touches, by signal id (a geometric search, so worth remembering). */
    final Map<String, RiskLayer.Reach> touched = new HashMap<>();
    /** The live signals' reaches by area number, for matching them against the areas a tick asks for. */
    final SignalReach signalReach = new SignalReach();
    /** Incidents in state per LSOA (null until first used): which neighbourhoods have any. */
    Map<String, Integer> lsoaEvents;
    /** Incidents per LSOA of each cell (null until first used). */
    Map<String, java.util.TreeMap<String, Integer>> cellLsoas;
    /** What each cell was last evaluated from: an unchanged cell needs no evaluation. */
    final Map<String, CellLayer.Inputs> cellInputs = new HashMap<>();
    /** Cells whose incidents (so LSOAs, owner) changed since the last tick. */
    final Set<String> cellsDirty = new java.util.HashSet<>();
    /** Cluster members per cell at the last tick: a cell whose count changed is looked at. */
    Map<String, Integer> cellMembers = Map.of();
    /** Whether the next tick must look at every cell (a fresh cache, a clear-out). */
    boolean cellsFull = true;
    /** When neighbourhoods reached by fading risk must be evaluated again. */
    final RiskTimers riskTimers = new RiskTimers();
    /** The incidents in state, and those of the halo, by event time (null until first used). */
    TimeIndex eventTimes;
    TimeIndex haloTimes;
    /** Areas to re-evaluate at the next tick. */
    final DirtyAreas dirty = new DirtyAreas();
    /** Whether the layers update incrementally (false: every tick from scratch, for tests that compare the two). */
    final boolean incremental;
    /** Latest early-warning score by LSOA code and, for the authority, its code (null until read). */
    Map<String, Double> earlyWarningScores;
    /**
     * The tension score each neighbourhood last published, by area key (null until first used): the
     * authority's tension reads the highest ({@link TensionLayer#tensestNeighbourhood}).
     */
    NeighbourhoodTension neighbourhoodTension;
    /** The tension each area's labels say was last published, parsed once per labels. */
    final Map<String, TensionLayer.Parsed> previousTension = new HashMap<>();
    /** The early-warning scanner of the history in state, kept from night to night (null: restore from state). */
    EarlyWarningKept earlyWarning;
    /** The neighbour index of the latest early-warning scanner: the next one's is derived from it. */
    org.ember.geo.scan.NeighbourIndex earlyWarningNeighbours;
    /** Area keys by LSOA code ("lad" for the authority), spelt once. */
    final Map<String, String> areaKeys = new HashMap<>();
    /** Each area key's layer and code (see {@link AreaLayer.Name}). */
    final Map<String, AreaLayer.Name> areaNames = new HashMap<>();
    /** Incident tallies of every area, kept running (null until first used). */
    RunningTallies tallies;
    /** Summaries of every area's published cells, kept running (null until first used). */
    CellSummaries cellSummaries;
    /** The area metrics' vocabulary and the seasonal window it was named for (see {@link AreaEvaluation}). */
    java.time.Duration vocabularyWindow;
    AreaVocabulary vocabulary;
    /** The numbers each area's published values were made from, by area key (valid while state holds that map). */
    final Map<String, AreaEvaluation.Numbers> publishedNumbers = new HashMap<>();

    /** The WGS84 centre of each cell published so far (a projection per publication and snapshot otherwise). */
    private final Map<String, org.ember.geo.crs.LonLat> centres = new HashMap<>();

    public LadCache(FusionContext context) {
        this(context, true);
    }

    LadCache(FusionContext context, boolean incremental) {
        this.clusters = new ClusterCache(context.settings().hotspots());
        this.incremental = incremental;
    }

    /** {@link CellLayer#centreOf} of {@code cell}, projected once. */
    org.ember.geo.crs.LonLat centre(String cell) {
        return centres.computeIfAbsent(cell, CellLayer::centreOf);
    }
}
