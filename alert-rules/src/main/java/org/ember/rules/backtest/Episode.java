package org.ember.rules.backtest;

/**
 * One alert from firing to resolution, as a backtest saw it.
 *
 * @param rule        rule name
 * @param layer       area layer
 * @param areaId      area code
 * @param areaName    readable area name
 * @param lad         local authority, or null
 * @param firedAt     event time it fired
 * @param resolvedAt  event time it resolved, or -1 when it was still firing at the end of the period
 * @param followedAt  event time of the first serious incident in the area within the horizon after
 *                    it fired, or -1 when none followed (or the layer cannot be scored)
 */
public record Episode(String rule, String layer, String areaId, String areaName, String lad, long firedAt, long resolvedAt,
        long followedAt) {

    /** How long it fired, in hours, up to {@code end} when still firing. */
    public double firingHours(long end) {
        long until = resolvedAt < 0 ? end : resolvedAt;
        return Math.max(0, until - firedAt) / 3_600_000.0;
    }

    public boolean hit() {
        return followedAt >= 0;
    }
}
