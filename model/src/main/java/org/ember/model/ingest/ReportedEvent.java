package org.ember.model.ingest;

import org.ember.model.feeds.GeoLocation;

/**
 * A partner record after validation and pseudonymisation, before placement. Only allow-listed,
 * non-identifying fields survive into it.
 */
public record ReportedEvent(
        String feed,
        String sourceId,
        int version,
        boolean cancelled,
        long eventTime,
        long reportedTime,
        String category,
        boolean weapon,
        String ageBand,
        GeoLocation location,
        String personPseudonym,
        String detail) {}
