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

    /** The same rules under another snapshot number. */
    public RuleSet withVersion(long newVersion) {
        return new RuleSet(newVersion, contentHash, rules);
    }
}
