package org.ember.fusion;

import java.util.List;

/** The names of the metrics the fusion stage publishes per area, for those outside this module that code them. */
public final class FusionMetricNames {
    private FusionMetricNames() {}

    /** Every area metric name, in a fixed order, for seasonal metrics over {@code seasonalWindow} (e.g. "24h"). */
    public static List<String> of(String seasonalWindow) {
        AreaVocabulary vocabulary = AreaVocabulary.of(seasonalWindow);
        String[] names = new String[AreaVocabulary.SIZE];
        for (int i = 0; i < names.length; i++) {
            names[i] = vocabulary.name(i);
        }
        return List.of(names);
    }
}
