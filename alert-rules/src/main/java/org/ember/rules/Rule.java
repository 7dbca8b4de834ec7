package org.ember.rules;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alerting rule, checked and ready to evaluate.
 *
 * @param name          unique rule name: the {@code alertname} label and part of every fingerprint
 * @param group         the group it was written in
 * @param areas         the areas it watches
 * @param when          the firing condition
 * @param resolve       the resolve condition (hysteresis), or null: then the alert resolves when
 *                      {@code when} stops holding
 * @param forMillis     how long {@code when} must hold before the alert fires (pending until then)
 * @param keepFiringForMillis how long a firing alert keeps firing after its resolve condition starts to hold
 * @param severity      info, warning or critical
 * @param labels        the rule's own labels (group labels merged in); routing matches on them
 * @param annotations   name → template, e.g. summary, description
 * @param cap           CAP fields, or null
 * @param stateKey      name plus a hash of everything that decides when the rule fires and how it is
 *                      labelled: alert state is kept under it, so a reload keeps the state of an
 *                      untouched rule and restarts an edited one
 */
public record Rule(
        String name,
        String group,
        AreaSelector areas,
        Condition when,
        Condition resolve,
        long forMillis,
        long keepFiringForMillis,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        CapInfo cap,
        String stateKey) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SUMMARY = "summary";
    public static final String DEFAULT_SUMMARY = "{{ .rule }} in {{ .area_name }}";

    public Rule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A rule with its state key computed from its definition. */
    public static Rule of(String name, String group, AreaSelector areas, Condition when, Condition resolve, long forMillis,
            long keepFiringForMillis, String severity, Map<String, String> labels, Map<String, String> annotations,
            CapInfo cap) {
        String definition = String.join("\n", areas.text(), when.text(), resolve == null ? "-" : resolve.text(),
                Long.toString(forMillis), Long.toString(keepFiringForMillis), severity, new TreeMap<>(labels).toString());
        return new Rule(name, group, areas, when, resolve, forMillis, keepFiringForMillis, severity, labels, annotations, cap,
                name + "@" + hash(definition));
    }

    /** The first comparison of {@code when}: what an alert reports when none of them holds (see AlertFactory). */
    public Comparison primary() {
        return when.comparisons().get(0);
    }

    /** Whether a firing alert of this rule may resolve with these values. */
    public boolean resolves(MetricLookup values) {
        return resolve != null ? resolve.holds(values) : !when.holds(values);
    }

    public String summaryTemplate() {
        return annotations.getOrDefault(SUMMARY, DEFAULT_SUMMARY);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
