package org.ember.model.ingest;

/** What ingest made of one record: an accepted event, or a reason to dead-letter it. */
public sealed interface ParseOutcome {

    record Accepted(ReportedEvent event) implements ParseOutcome {}

    record Rejected(String reason) implements ParseOutcome {}

    static ParseOutcome rejected(String reason) {
        return new Rejected(reason);
    }
}
