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
 * @param inhibitedSince   when an alert muting it started firing (event time); 0 when not muted or not
 *                         known. A new field: state written before it restores with 0, as before.
 */
public record GroupMember(Alert alert, boolean inhibited, long firstSeenAt, long notifiedAt, long resolvedAt,
        boolean resolvedNotified, String suppressedBy, long inhibitedSince) {

    /** A firing alert joining its group. */
    static GroupMember joining(RoutedAlert routed, long now) {
        return new GroupMember(routed.alert(), routed.inhibited(), now, 0, 0, false, "", routed.inhibitedSince());
    }

    public String fingerprint() {
        return alert.fingerprint();
    }

    public boolean firing() {
        return resolvedAt == 0;
    }

    GroupMember notified(long at) {
        return new GroupMember(alert, inhibited, firstSeenAt, at, resolvedAt, resolvedNotified, suppressedBy, inhibitedSince);
    }

    GroupMember resolutionNotified() {
        return new GroupMember(alert, inhibited, firstSeenAt, notifiedAt, resolvedAt, true, suppressedBy, inhibitedSince);
    }

    GroupMember suppressed(String by) {
        return new GroupMember(alert, inhibited, firstSeenAt, notifiedAt, resolvedAt, resolvedNotified, by, inhibitedSince);
    }

    GroupMember updated(RoutedAlert routed, long now) {
        Alert latest = routed.alert();
        long resolved = Alert.RESOLVED.equals(latest.state()) ? (resolvedAt > 0 ? resolvedAt : now) : 0;
        return new GroupMember(latest, routed.inhibited(), firstSeenAt, notifiedAt, resolved, resolvedNotified,
                suppressedBy, routed.inhibitedSince());
    }
}
