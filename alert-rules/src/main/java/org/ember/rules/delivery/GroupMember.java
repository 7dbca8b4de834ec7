package org.ember.rules.delivery;

import org.ember.model.Alert;

/**
 * One alert in a notification group, as the group's state keeps it.
 *
 * @param alert            latest transition of the alert
 * @param inhibited        whether an inhibition rule mutes it
 * @param firstSeenAt      when it joined the group (processing time, epoch milliseconds)
 * @param notifiedAt       when it was first notified; 0 = not yet
 * @param resolvedAt       when its resolution arrived; 0 = still firing
 * @param resolvedNotified whether its resolution has been told
 * @param suppressedBy     what last kept it from being notified ({@code silence:<id>}, {@code inhibited}), or ""
 */
public record GroupMember(Alert alert, boolean inhibited, long firstSeenAt, long notifiedAt, long resolvedAt,
        boolean resolvedNotified, String suppressedBy) {

    public String fingerprint() {
        return alert.fingerprint();
    }

    public boolean firing() {
        return resolvedAt == 0;
    }

    GroupMember notified(long at) {
        return new GroupMember(alert, inhibited, firstSeenAt, at, resolvedAt, resolvedNotified, suppressedBy);
    }

    GroupMember resolutionNotified() {
        return new GroupMember(alert, inhibited, firstSeenAt, notifiedAt, resolvedAt, true, suppressedBy);
    }

    GroupMember suppressed(String by) {
        return new GroupMember(alert, inhibited, firstSeenAt, notifiedAt, resolvedAt, resolvedNotified, by);
    }

    GroupMember updated(Alert latest, boolean nowInhibited, long now) {
        long resolved = Alert.RESOLVED.equals(latest.state()) ? (resolvedAt > 0 ? resolvedAt : now) : 0;
        return new GroupMember(latest, nowInhibited, firstSeenAt, notifiedAt, resolved, resolvedNotified, suppressedBy);
    }
}
