package org.ember.model.feeds;

import java.time.Instant;

/**
 * A youth worker (navigator) case event. {@code personRef} identifies the young person in the
 * partner's case system; it never leaves ingest in clear: Ember keeps only its keyed hash.
 */
public record NavigatorEvent(
        String eventId,
        Integer version,
        String status,
        Instant eventTime,
        String eventType,
        String personRef,
        String siteCode,
        String riskLevel,
        String ageBand,
        GeoLocation location) {}
