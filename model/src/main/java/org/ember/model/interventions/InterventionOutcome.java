package org.ember.model.interventions;

/** The result of reading one intervention record: accepted, or rejected with the reason for the dead letter. */
public sealed interface InterventionOutcome {
    record Accepted(Intervention intervention) implements InterventionOutcome {}

    record Rejected(String reason) implements InterventionOutcome {}

    static InterventionOutcome rejected(String reason) {
        return new Rejected(reason);
    }
}
