package org.ember.model.feeds;

import java.time.Instant;

/**
 * An assault attendance at an emergency department, in the Information Sharing to Tackle Violence
 * (ISTV, NHS ISB 1594) shape. It carries no patient identifiers. The assault time as told by the
 * patient is kept apart from the arrival time: the first places the event, the second only says
 * when health learnt of it.
 */
public record AeAttendance(
        String attendanceId,
        Integer version,
        String status,
        Instant arrivalTime,
        Instant assaultTime,
        String assaultMethod,
        String locationType,
        String locationDescription,
        String siteCode,
        String ageBand,
        GeoLocation location) {}
