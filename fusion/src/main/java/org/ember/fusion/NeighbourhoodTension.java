package org.ember.fusion;

import java.util.HashMap;
import java.util.Map;

/**
 * The tension score each neighbourhood last published, and the highest: what scanning them for
 * the first score above all before it (from 0) finds, kept as they are published.
 */
final class NeighbourhoodTension {
    private final Map<String, Double> scores = new HashMap<>();
    private double best;
    private boolean bestKnown = true;

    void put(String areaKey, double score) {
        Double was = scores.put(areaKey, score);
        if (score > best) {
            best = score;
        } else if (was != null && was == best && score != best) {
            bestKnown = false; // the highest may have fallen
        }
    }

    void remove(String areaKey) {
        Double was = scores.remove(areaKey);
        if (was != null && was == best) {
            bestKnown = false;
        }
    }

    double best() {
        if (!bestKnown) {
            best = 0;
            for (double score : scores.values()) {
                if (score > best) {
                    best = score;
                }
            }
            bestKnown = true;
        }
        return best;
    }
}
