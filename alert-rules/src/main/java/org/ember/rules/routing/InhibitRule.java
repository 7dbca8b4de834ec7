package org.ember.rules.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * While an alert matching {@code source} fires, alerts matching {@code target} that share the
 * {@code equal} labels with it are not notified (e.g. a critical alert about an area mutes the
 * warnings about the same area). An alert never inhibits itself.
 */
public record InhibitRule(List<Matcher> source, List<Matcher> target, List<String> equal) {
    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** Whether this rule mutes {@code candidate}, given the labels of the alerts firing now. */
    public boolean inhibits(Map<String, String> candidate, Collection<Map<String, String>> firing) {
        if (!Matcher.all(target, candidate)) {
            return false;
        }
        for (Map<String, String> other : firing) {
            if (other.equals(candidate) || !Matcher.all(source, other)) {
                continue;
            }
            boolean same = true;
            for (String label : equal) {
                same &= Objects.equals(other.getOrDefault(label, ""), candidate.getOrDefault(label, ""));
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /** Whether any rule mutes {@code candidate}. */
    public static boolean anyInhibits(List<InhibitRule> rules, Map<String, String> candidate,
            Collection<Map<String, String>> firing) {
        for (InhibitRule rule : rules) {
            if (rule.inhibits(candidate, firing)) {
                return true;
            }
        }
        return false;
    }
}
