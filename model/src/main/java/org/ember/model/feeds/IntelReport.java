package org.ember.model.feeds;

import java.time.Instant;

/**
 * A community intelligence or tension report: soft information graded evidenced, experienced or
 * potential. The tension level uses the force's own scale, so it is free text here and mapped by
 * configuration downstream.
 */
public record IntelReport(
        String reportId,
        Integer version,
        String status,
        Instant reportedAt,
        String grading,
        String tensionLevel,
        String text,
        GeoLocation location) {}
