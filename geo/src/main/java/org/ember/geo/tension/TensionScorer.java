package org.ember.geo.tension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Adds up an area's signals into one score: Σ weight × min(value, cap), negative values allowed
 * (reassuring intelligence), the total floored at 0. The level is the highest whose threshold the
 * score reaches. Every signal that gives points is listed with its evidence, so a duty officer can
 * see why.
 */
public final class TensionScorer {
    private final TensionSettings settings;

    public TensionScorer(TensionSettings settings) {
        this.settings = settings;
    }

    public TensionSettings settings() {
        return settings;
    }

    public TensionScore score(List<TensionInput> inputs) {
        double total = 0;
        List<TensionContribution> parts = new ArrayList<>();
        for (TensionInput in : inputs) {
            Double weight = settings.weights().get(in.signal());
            if (weight == null || weight == 0 || in.value() == 0 || Double.isNaN(in.value())) {
                continue;
            }
            double cap = settings.caps().getOrDefault(in.signal(), Double.POSITIVE_INFINITY);
            double value = Math.min(in.value(), cap);
            double points = weight * value;
            total += points;
            parts.add(new TensionContribution(in.signal(), in.value(), weight, points, in.detail(), in.evidence()));
        }
        parts.sort(Comparator.comparingDouble((TensionContribution c) -> -Math.abs(c.points()))
                .thenComparing(TensionContribution::signal));
        double score = Math.max(0, total);
        int index = settings.levelIndex(score);
        return new TensionScore(score, settings.levels().get(index).name(), index, parts);
    }

    /**
     * Whether a new score is worth publishing after {@code previous} (null = never published): a new
     * level, a move of at least the minimum change, or falling back to exactly zero (so the last
     * word on a calm area is always "nothing").
     */
    public boolean changed(TensionScore previous, TensionScore next) {
        if (previous == null) {
            return next.score() > 0;
        }
        if (next.score() == 0) {
            return previous.score() != 0;
        }
        return previous.levelIndex() != next.levelIndex()
                || Math.abs(previous.score() - next.score()) >= settings.minChange();
    }
}
