package org.ember.rules;

import java.io.Serializable;
import org.ember.model.CountVocabulary;

/**
 * The first rule form: fire while one count of an area reaches a threshold, resolve when it drops
 * below. The full rule language (conditions, {@code for}, hysteresis, templates) grows from here;
 * the evaluator's contract — counts in, transitions out — stays.
 *
 * @param name      unique rule name, used in the alert fingerprint
 * @param layer     area layer the rule watches: "lsoa" or "lad"
 * @param window    count window: 1h, 24h or 7d
 * @param feed      feed code or "any"
 * @param category  category or "any"
 * @param threshold fire while count ≥ threshold
 * @param severity  severity label: info, warning or critical
 * @param summary   one-line description template; {@code {{ .area_name }}}, {@code {{ .value }}},
 *                  {@code {{ .threshold }}} and {@code {{ .window }}} are filled in
 */
public record ThresholdRule(
        String name, String layer, String window, String feed, String category, long threshold, String severity,
        String summary) implements Serializable {

    public int countIndex() {
        return CountVocabulary.index(window, feed, category);
    }

    public String metricName() {
        return CountVocabulary.name(window, feed, category);
    }
}
