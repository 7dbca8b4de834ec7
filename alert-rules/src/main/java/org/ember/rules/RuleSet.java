package org.ember.rules;

import java.io.Serializable;
import java.util.List;

/**
 * A complete, checked set of rules, put in force together or not at all.
 *
 * @param version     snapshot number: 0 for rules read from files at start, then each
 *                    {@code ember rules push} adds one; a task keeps the highest valid version
 * @param contentHash hash of the files' names and contents, so two versions can be told apart
 * @param rules       the rules, in file order
 */
public record RuleSet(long version, String contentHash, List<Rule> rules) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** How the version is shown to people: {@code 7 (3f2a9c0d1e2b)}. */
    public String label() {
        return version + " (" + contentHash + ")";
    }

    /**
     * The metric families the rules' conditions read, e.g. {@code count} or {@code tension_score}:
     * a replay can leave out the stages that publish nothing the rules read.
     */
    public java.util.Set<String> metricFamilies() {
        java.util.Set<String> families = new java.util.TreeSet<>();
        for (Rule rule : rules) {
            for (Condition condition : rule.resolve() == null ? List.of(rule.when()) : List.of(rule.when(), rule.resolve())) {
                for (Comparison comparison : condition.comparisons()) {
                    int brace = comparison.metric().indexOf('{');
                    families.add(brace < 0 ? comparison.metric() : comparison.metric().substring(0, brace));
                }
            }
        }
        return families;
    }

    /** The same rules under another snapshot number. */
    public RuleSet withVersion(long newVersion) {
        return new RuleSet(newVersion, contentHash, rules);
    }
}
