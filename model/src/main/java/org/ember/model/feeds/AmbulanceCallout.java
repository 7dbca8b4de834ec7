package org.ember.model.feeds;

import java.time.Instant;

/**
 * An ambulance call-out. {@code complaintSystem} says how {@code complaintCode} reads: AMPDS chief
 * complaint protocols (04 assault/sexual assault, 27 stab/gunshot/penetrating trauma) or an NHS
 * Pathways disposition mapped per trust.
 */
public record AmbulanceCallout(
        String callId,
        Integer version,
        String status,
        Instant callTime,
        String complaintSystem,
        String complaintCode,
        Integer responseCategory,
        String ageBand,
        String sex,
        Boolean conveyed,
        GeoLocation location) {}
