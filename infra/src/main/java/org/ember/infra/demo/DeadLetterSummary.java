package org.ember.infra.demo;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Says so when most of what a replay sent was dead-lettered, and why: a deployment whose police
 * data lies outside its coverage otherwise reports "0 alerts" and nothing else. Reasons are grouped
 * by their text before the first colon ("outside coverage: …" counts as "outside coverage").
 */
public final class DeadLetterSummary {
    /** Above this share of records dead-lettered, the replay is mostly rejected. */
    public static final double MOSTLY = 0.5;

    private DeadLetterSummary() {}

    /**
     * A warning when more than half the records were dead-lettered, naming the top three reasons
     * with their counts and one example each; empty otherwise.
     */
    public static Optional<String> warning(long records, Collection<String> reasons) {
        if (records <= 0 || reasons.size() <= records * MOSTLY) {
            return Optional.empty();
        }
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (String reason : reasons) {
            String group = group(reason);
            counts.merge(group, 1L, Long::sum);
            example.putIfAbsent(group, reason);
        }
        String top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(e -> String.format(Locale.ROOT, "  %d × %s (e.g. %s)", e.getValue(), e.getKey(), example.get(e.getKey())))
                .collect(Collectors.joining("\n"));
        return Optional.of(String.format(Locale.ROOT,
                "WARNING: %d of %d records (%.0f%%) were dead-lettered, not counted; top reasons:%n%s%n"
                        + "Check the deployment's coverage and boundaries against the data replayed (ember deployment check).",
                reasons.size(), records, 100.0 * reasons.size() / records, top));
    }

    static String group(String reason) {
        if (reason == null || reason.isBlank()) {
            return "(no reason)";
        }
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon).trim() : reason.trim();
    }
}
