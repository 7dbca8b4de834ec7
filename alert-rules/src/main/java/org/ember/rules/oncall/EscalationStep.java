package org.ember.rules.oncall;

import java.time.Duration;
import java.util.List;

/**
 * One step of an escalation policy: who is told, and how long they have to acknowledge before
 * the next step (PagerDuty's "escalates after"). The last step's delay only matters when the
 * policy repeats.
 */
public record EscalationStep(List<Target> targets, Duration delay) {
    public EscalationStep {
        targets = List.copyOf(targets);
    }
}
