package org.ember.jobs.ingest;

import org.ember.model.Incident;

/** An ingested incident, or the reason the record goes to the dead-letter topic. */
public record IngestResult(Incident incident, String rejection) {
    public static IngestResult accepted(Incident incident) {
        return new IngestResult(incident, null);
    }

    public static IngestResult rejected(String reason) {
        return new IngestResult(null, reason);
    }

    public boolean isAccepted() {
        return incident != null;
    }
}
