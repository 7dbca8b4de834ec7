package org.ember.geo.calendar;

/** What a day is for a local authority's schools. */
public enum SchoolStatus {
    TERM,
    HALF_TERM,
    HOLIDAY,
    EXAMS,
    /** No dates known for that authority and day. */
    UNKNOWN
}
