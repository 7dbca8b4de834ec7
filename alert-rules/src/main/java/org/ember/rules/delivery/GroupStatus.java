package org.ember.rules.delivery;

/**
 * A notification group's progress through one episode (from its first alert until none fires).
 *
 * @param groupKey         the group
 * @param routeId          its route
 * @param receiver         its receiver
 * @param leadFingerprint  the alert that opened the episode: with the step, the idempotency key
 * @param step             number of the next notification
 * @param escalationStep   escalation step last notified; -1 before the first notification
 * @param lastFlushAt      when new or resolved alerts were last told; 0 = never
 * @param nextEscalationAt when the next escalation step is due; 0 = none
 * @param nextRepeatAt     when an unacknowledged group is told again; 0 = none
 * @param held             escalation stopped because everything was acknowledged or silenced
 * @param wakeAt           the timer the job has registered for this group; 0 = none
 */
public record GroupStatus(String groupKey, String routeId, String receiver, String leadFingerprint, int step,
        int escalationStep, long lastFlushAt, long nextEscalationAt, long nextRepeatAt, boolean held, long wakeAt) {

    static GroupStatus open(RoutedAlert first) {
        return new GroupStatus(first.groupKey(), first.routeId(), first.receiver(), first.alert().fingerprint(), 0, -1, 0,
                0, 0, false, 0);
    }

    GroupStatus with(int nextStep, int escalation, long lastFlush, long nextEscalation, long nextRepeat, boolean isHeld) {
        return new GroupStatus(groupKey, routeId, receiver, leadFingerprint, nextStep, escalation, lastFlush,
                nextEscalation, nextRepeat, isHeld, wakeAt);
    }

    public GroupStatus withWakeAt(long at) {
        return new GroupStatus(groupKey, routeId, receiver, leadFingerprint, step, escalationStep, lastFlushAt,
                nextEscalationAt, nextRepeatAt, held, at);
    }
}
