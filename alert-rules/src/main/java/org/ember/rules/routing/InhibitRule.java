package org.ember.rules.routing;

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

    /** Whether the firing alert labelled {@code other} mutes {@code candidate} under this rule. */
    public boolean mutes(Map<String, String> candidate, Map<String, String> other) {
        if (other.equals(candidate) || !Matcher.all(target, candidate) || !Matcher.all(source, other)) {
            return false;
        }
        for (String label : equal) {
            if (!Objects.equals(other.getOrDefault(label, ""), candidate.getOrDefault(label, ""))) {
                return false;
            }
        }
        return true;
    }
}
