package org.ember.model.fusion;

/**
 * One partner report that is part of a linked incident.
 *
 * @param feed       feed code: police, ambulance or ae
 * @param sourceId   the partner's own reference
 * @param version    the version linked
 * @param eventTime  when it says the event happened, epoch milliseconds (A&E: the assault time)
 * @param confidence how well it matched the incident when it joined (1 for the report that founded it)
 * @param detail     short non-identifying description
 */
public record LinkedSource(String feed, String sourceId, int version, long eventTime, double confidence, String detail) {}
