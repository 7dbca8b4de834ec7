package org.ember.rules;

import java.io.Serializable;
import java.util.List;

/**
 * A complete, checked set of rules as put live together.
 *
 * @param version content hash of the files it came from, so the version in force can be named
 */
public record RuleSet(String version, List<ThresholdRule> rules) implements Serializable {
    public RuleSet {
        rules = List.copyOf(rules);
    }
}
