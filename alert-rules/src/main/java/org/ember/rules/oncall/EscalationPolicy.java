package org.ember.rules.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ordered steps, each with its targets and delay, run through {@code repeat + 1} times at most.
 * Steps are numbered over the repeats: with three steps and {@code repeat: 1}, steps 0..5, where
 * step 3 is the first step again. Acknowledging stops the climb; an acknowledgement lasts
 * {@code ackTimeout} unless it says otherwise (null = until the alert resolves).
 */
public record EscalationPolicy(String id, List<EscalationStep> steps, int repeat, Duration ackTimeout) {
    public EscalationPolicy {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an escalation policy needs at least one step");
        }
    }

    /** How many steps there are in all, counting repeats. */
    public int stepCount() {
        return steps.size() * (repeat + 1);
    }

    public EscalationStep step(int index) {
        return steps.get(index % steps.size());
    }

    public boolean hasStepAfter(int index) {
        return index + 1 < stepCount();
    }

    /** How long after step {@code index} was notified the next one is due. */
    public Duration delayAfter(int index) {
        return step(index).delay();
    }

    /**
     * When each step would be notified if nobody acknowledges, starting at {@code start}: the plan
     * {@code ember routes test} shows and the job follows.
     */
    public List<Instant> timeline(Instant start) {
        List<Instant> times = new ArrayList<>();
        Instant at = start;
        for (int i = 0; i < stepCount(); i++) {
            times.add(at);
            at = at.plus(delayAfter(i));
        }
        return times;
    }
}
