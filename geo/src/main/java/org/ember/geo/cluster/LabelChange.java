package org.ember.geo.cluster;

/**
 * One point whose cluster label changed in an {@link IncrementalStDbscan} update.
 *
 * @param pointId the point
 * @param before its label before the update: a cluster id, {@link #NOISE}, or {@link #ABSENT} if it just arrived
 * @param after its label after: a cluster id, {@link #NOISE}, or {@link #ABSENT} if it just expired
 * @param core whether it is a core point after the update (false when absent)
 */
public record LabelChange(long pointId, int before, int after, boolean core) {
    public static final int NOISE = 0;
    public static final int ABSENT = -1;
}
