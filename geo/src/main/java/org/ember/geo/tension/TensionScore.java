package org.ember.geo.tension;

import java.util.List;

/**
 * An area's tension: score, level and the contributions that explain it, largest first.
 *
 * @param levelIndex position of {@code level} in the configured levels (0 = lowest)
 */
public record TensionScore(double score, String level, int levelIndex, List<TensionContribution> contributions) {
    public TensionScore {
        contributions = List.copyOf(contributions);
    }
}
