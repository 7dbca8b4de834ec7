package org.ember.model.feeds;

import java.time.Instant;

/**
 * A police incident or recorded crime. The opening category comes from the call handler and may
 * differ from the closing one (National Standard for Incident Recording), so updates arrive as new
 * versions of the same {@code incidentId}.
 */
public record PoliceIncident(
        String incidentId,
        Integer version,
        String status,
        Instant occurredAt,
        String openingCategory,
        String closingCategory,
        Boolean knifeOrSharpInstrument,
        Boolean firearm,
        GeoLocation location) {}
