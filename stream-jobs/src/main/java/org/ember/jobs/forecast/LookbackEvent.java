package org.ember.jobs.forecast;

/**
 * One incident as the daily ranking needs it, kept in keyed state: a hash of the partner record's
 * identity (so a correction replaces it), British National Grid metres and the local wall-clock time
 * in days since 1970-01-01 ({@link org.ember.geo.forecast.EventSeries}' clock).
 */
public record LookbackEvent(long record, double x, double y, double t) {}
