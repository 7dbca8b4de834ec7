package org.ember.rules.snapshot;

import java.util.List;

/**
 * What the job did with a rule snapshot, published on {@code ember.rules.events} (one event per
 * snapshot, from the first task: every task decides the same). {@code ember rules status} reads them.
 *
 * @param type        always {@value #TYPE}
 * @param outcome     {@link #ACCEPTED} (now in force), {@link #REJECTED} (invalid; the previous set
 *                    stays in force) or {@link #IGNORED} (not newer than the version in force)
 * @param version     the snapshot's version, or -1 when it could not be read at all
 * @param contentHash the snapshot's content hash, or empty
 * @param rules       number of rules now in force
 * @param inForce     the version in force after this event
 * @param problems    for a rejection, each problem as {@code file:line:column: message}
 * @param processedAt wall-clock time the job processed it, epoch milliseconds
 */
public record RuleEvent(String type, String outcome, long version, String contentHash, int rules, long inForce,
        List<String> problems, long processedAt) {
    public static final String TYPE = "rule_event";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String IGNORED = "ignored";

    public RuleEvent {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static RuleEvent accepted(long version, String contentHash, int rules, long processedAt) {
        return new RuleEvent(TYPE, ACCEPTED, version, contentHash, rules, version, List.of(), processedAt);
    }

    public static RuleEvent rejected(long version, String contentHash, int rulesInForce, long inForce, List<String> problems,
            long processedAt) {
        return new RuleEvent(TYPE, REJECTED, version, contentHash, rulesInForce, inForce, problems, processedAt);
    }

    public static RuleEvent ignored(long version, String contentHash, int rulesInForce, long inForce, long processedAt) {
        return new RuleEvent(TYPE, IGNORED, version, contentHash, rulesInForce, inForce,
                List.of("version " + version + " is not newer than version " + inForce + " in force"), processedAt);
    }
}
