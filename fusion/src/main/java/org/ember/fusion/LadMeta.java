package org.ember.fusion;

/**
 * Bookkeeping of one local authority's analytics.
 *
 * @param lastActivity latest event time of an incident seen, for the idle clean-up of the seasonal history
 * @param lastEmerging epoch day the emerging hot-spot categories were last computed (−1 = never)
 */
public record LadMeta(long lastActivity, long lastEmerging) {}
