package org.ember.fusion;

import java.util.List;
import org.ember.geo.tension.TensionScore;
import org.ember.geo.tension.TensionSettings;

/**
 * The weights and caps of {@link org.ember.geo.tension.TensionScorer#score}, by input, so that an
 * evaluation can add up its score from numbers without building the inputs: the same products,
 * summed in the same order, so the same score to the bit ({@link TensionLayer#bareScore}).
 */
final class TensionPoints {
    static final int EXCEEDANCE = 0;
    static final int NEIGHBOURHOOD = 1;
    static final int NEAR_REPEAT = 2;
    static final int RIVALRY = 3;
    static final int INTEL = 4;
    static final int NAVIGATOR = 5;
    static final int HOT_CELLS = 6;
    static final int CLUSTER = 7;
    static final int SCAN = 8;
    static final int MULTI_AGENCY = 9;
    static final int EMERGING = 10;
    private static final String[] SIGNALS = {TensionSettings.EXCEEDANCE, TensionSettings.NEIGHBOURHOOD,
        TensionSettings.NEAR_REPEAT, TensionSettings.RIVALRY, TensionSettings.INTEL, TensionSettings.NAVIGATOR,
        TensionSettings.HOT_CELLS, TensionSettings.CLUSTER, TensionSettings.SCAN, TensionSettings.MULTI_AGENCY,
        TensionSettings.EMERGING};
    /** The last settings compiled (settings are shared by every authority of a job). */
    private static volatile TensionPoints last;
    private final TensionSettings settings;
    private final boolean[] counts = new boolean[SIGNALS.length];
    private final double[] weight = new double[SIGNALS.length];
    private final double[] cap = new double[SIGNALS.length];

    private TensionPoints(TensionSettings settings) {
        this.settings = settings;
        for (int i = 0; i < SIGNALS.length; i++) {
            Double w = settings.weights().get(SIGNALS[i]);
            counts[i] = w != null && w != 0;
            weight[i] = w == null ? 0 : w;
            cap[i] = settings.caps().getOrDefault(SIGNALS[i], Double.POSITIVE_INFINITY);
        }
    }

    static TensionPoints of(TensionSettings settings) {
        TensionPoints p = last;
        if (p == null || p.settings != settings) {
            p = new TensionPoints(settings);
            last = p;
        }
        return p;
    }

    /** {@code total} plus what input {@code signal} of {@code value} adds to a score. */
    double add(double total, int signal, double value) {
        if (!counts[signal] || value == 0 || Double.isNaN(value)) {
            return total;
        }
        return total + weight[signal] * Math.min(value, cap[signal]);
    }

    /** The score of a total, with its level (no contributions). */
    TensionScore score(double total) {
        double score = Math.max(0, total);
        int index = settings.levelIndex(score);
        return new TensionScore(score, settings.levels().get(index).name(), index, List.of());
    }
}
