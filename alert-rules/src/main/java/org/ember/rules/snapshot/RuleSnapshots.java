package org.ember.rules.snapshot;

import java.util.ArrayList;
import java.util.List;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.RuleSet;

/**
 * Decides what a task does with a snapshot read from {@code ember.rules}: keep the highest valid
 * version. The same decision runs in every task, so all tasks agree without talking to each other.
 */
public final class RuleSnapshots {
    private RuleSnapshots() {}

    /**
     * The decision on one snapshot.
     *
     * @param ruleSet the rules to put in force, or null to keep the current ones
     * @param event   what to report
     */
    public record Decision(RuleSet ruleSet, RuleEvent event) {}

    public static Decision decide(byte[] bytes, RuleSet inForce, RuleFileLoader loader, long now) {
        RuleSnapshot snapshot;
        try {
            snapshot = RuleSnapshot.parse(bytes);
        } catch (IllegalArgumentException e) {
            return new Decision(null, RuleEvent.rejected(-1, "", inForce.rules().size(), inForce.version(),
                    List.of(e.getMessage()), now));
        }
        if (snapshot.version() <= inForce.version()) {
            return new Decision(null, RuleEvent.ignored(snapshot.version(), snapshot.contentHash(), inForce.rules().size(),
                    inForce.version(), now));
        }
        try {
            RuleSet loaded = loader.load(snapshot.sources(), snapshot.version());
            if (loaded.rules().isEmpty() && !snapshot.allowEmpty()) {
                return new Decision(null, RuleEvent.rejected(snapshot.version(), snapshot.contentHash(),
                        inForce.rules().size(), inForce.version(), List.of("the snapshot has no rules: it would switch "
                                + "every alert off; push it with --allow-empty if that is really meant"), now));
            }
            return new Decision(loaded, RuleEvent.accepted(loaded.version(), loaded.contentHash(), loaded.rules().size(), now));
        } catch (RuleFileException e) {
            List<String> problems = new ArrayList<>();
            for (RuleFileProblem p : e.problems()) {
                problems.add(p.toString());
            }
            return new Decision(null, RuleEvent.rejected(snapshot.version(), snapshot.contentHash(), inForce.rules().size(),
                    inForce.version(), problems, now));
        }
    }
}
