package org.ember.geo.tension;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an area's signals add up to one tension score and level.
 *
 * @param weights   points per unit of each signal (a signal without a weight does not count)
 * @param caps      largest value of a signal that counts (so one signal cannot swamp the others)
 * @param levels    levels in increasing threshold order; the first should have threshold 0
 * @param minChange smallest change of score worth publishing when the level stays the same
 */
public record TensionSettings(Map<String, Double> weights, Map<String, Double> caps, List<TensionLevel> levels,
        double minChange) implements Serializable {

    public TensionSettings {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
        List<TensionLevel> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingDouble(TensionLevel::threshold));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("at least one tension level is needed");
        }
        levels = List.copyOf(sorted);
    }

    /** Signal names the fusion stage feeds in. */
    public static final String NEAR_REPEAT = "near_repeat";
    public static final String RIVALRY = "rivalry";
    public static final String INTEL = "intel";
    public static final String NAVIGATOR = "navigator";
    public static final String HOT_CELLS = "hot_cells";
    public static final String CLUSTER = "cluster";
    public static final String SCAN = "scan";
    public static final String EXCEEDANCE = "exceedance";
    public static final String MULTI_AGENCY = "multi_agency";
    public static final String EMERGING = "emerging";
    /** For a local authority: the score of its tensest neighbourhood. */
    public static final String NEIGHBOURHOOD = "neighbourhood";

    /**
     * Defaults: a fresh stabbing nearby (near-repeat 1) scores 2 points, "elevated"; two, or one
     * with evidenced critical intelligence, "high". Statistical signals add less each, as they
     * move with volume rather than with one event.
     */
    public static TensionSettings defaults() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put(NEAR_REPEAT, 2.0);
        weights.put(RIVALRY, 2.0);
        weights.put(INTEL, 1.5);
        weights.put(NAVIGATOR, 0.5);
        weights.put(HOT_CELLS, 0.5);
        weights.put(CLUSTER, 0.2);
        weights.put(SCAN, 1.0);
        weights.put(EXCEEDANCE, 0.5);
        weights.put(MULTI_AGENCY, 0.25);
        weights.put(EMERGING, 0.25);
        weights.put(NEIGHBOURHOOD, 1.0);
        Map<String, Double> caps = new LinkedHashMap<>();
        caps.put(NEAR_REPEAT, 3.0);
        caps.put(RIVALRY, 2.0);
        caps.put(INTEL, 3.0);
        caps.put(NAVIGATOR, 4.0);
        caps.put(HOT_CELLS, 4.0);
        caps.put(CLUSTER, 10.0);
        caps.put(SCAN, 3.0);
        caps.put(EXCEEDANCE, 6.0);
        caps.put(MULTI_AGENCY, 8.0);
        caps.put(EMERGING, 4.0);
        caps.put(NEIGHBOURHOOD, 20.0);
        return new TensionSettings(weights, caps, List.of(new TensionLevel("low", 0), new TensionLevel("elevated", 1.5),
                new TensionLevel("high", 3.5), new TensionLevel("critical", 6)), 0.5);
    }

    public TensionSettings withLevels(List<TensionLevel> newLevels) {
        return new TensionSettings(weights, caps, newLevels, minChange);
    }

    public TensionSettings withWeight(String signal, double weight) {
        Map<String, Double> copy = new LinkedHashMap<>(weights);
        copy.put(signal, weight);
        return new TensionSettings(copy, caps, levels, minChange);
    }

    /** Index of the level a score reaches (0 = the lowest level). */
    public int levelIndex(double score) {
        int index = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (score >= levels.get(i).threshold()) {
                index = i;
            }
        }
        return index;
    }
}
