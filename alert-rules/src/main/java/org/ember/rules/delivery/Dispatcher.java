package org.ember.rules.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ember.model.Alert;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.oncall.Contact;
import org.ember.rules.oncall.EscalationPolicy;
import org.ember.rules.oncall.Target;
import org.ember.rules.routing.Receiver;
import org.ember.rules.routing.Route;
import org.ember.rules.silence.Silence;

/**
 * Decides, for one notification group, what to send and when to look again: Alertmanager's
 * grouping ({@code group_wait}, {@code group_interval}, {@code repeat_interval}, mute and active
 * windows, silences, inhibition) feeding a PagerDuty-style escalation policy (steps with delays,
 * repeats, acknowledgements that stop the climb and can lapse).
 *
 * <p>Pure: time is passed in (the job's processing time, i.e. wall-clock time, because duty
 * officers' delays are wall-clock delays whatever the event time of the alerts), state is the
 * {@link NotificationGroup} passed in, and targets are resolved against the rotas at the moment of
 * each notification. The job keeps the group in keyed state and sets a timer at
 * {@link GroupStatus#wakeAt()}.
 *
 * <p>Acknowledgement: an alert is acknowledged by an ack of its own fingerprint, or by an ack of
 * any alert of its group made after it was notified (whoever acknowledges a message has seen every
 * alert in it). Alerts that join later are not covered and start the escalation again.
 */
public final class Dispatcher {
    /** While a route is outside its active windows or inside a mute window, look again this often. */
    static final long MUTED_RECHECK_MILLIS = Duration.ofMinutes(1).toMillis();

    private final AlertRouting routing;

    public Dispatcher(AlertRouting routing) {
        this.routing = routing;
    }

    /** What one evaluation produced: messages to send and decisions to audit. */
    public record Result(List<Notification> notifications, List<DeliveryRecord> records) {
        public static final Result NONE = new Result(List.of(), List.of());
    }

    /** An alert transition reaches the group. */
    public Result onAlert(NotificationGroup group, RoutedAlert routed, long now, Controls controls) {
        Alert alert = routed.alert();
        GroupMember existing = group.members().get(alert.fingerprint());
        if (existing == null) {
            if (!Alert.FIRING.equals(alert.state())) {
                return evaluate(group, now, controls); // resolved before it was ever seen here: nothing to tell
            }
            if (group.isEmpty()) {
                group.status(GroupStatus.open(routed));
            }
            group.members().put(alert.fingerprint(), GroupMember.joining(routed, now));
        } else {
            group.members().put(alert.fingerprint(), existing.updated(routed, now));
        }
        return evaluate(group, now, controls);
    }

    /** The group's timer fired (or anything else changed): act on whatever is due. */
    public Result evaluate(NotificationGroup group, long now, Controls controls) {
        if (group.isEmpty()) {
            return Result.NONE;
        }
        GroupStatus status = group.status();
        Route route = routing.tree().route(status.routeId());
        Receiver receiver = routing.tree().receiver(status.receiver());
        EscalationPolicy policy = routing.directory().policy(receiver.escalation()).orElseThrow(
                () -> new IllegalStateException("receiver " + receiver.name() + " has no escalation policy"));
        List<Notification> notifications = new ArrayList<>();
        List<DeliveryRecord> records = new ArrayList<>();
        long wake = Long.MAX_VALUE;

        wake = Math.min(wake, keepQuiet(group, status, route, now, controls, records));

        List<GroupMember> pendingNew = new ArrayList<>();
        List<GroupMember> pendingResolved = new ArrayList<>();
        List<GroupMember> missed = new ArrayList<>();
        for (GroupMember member : group.members().values()) {
            if (member.firing() && member.notifiedAt() == 0 && member.suppressedBy().isEmpty()) {
                pendingNew.add(member);
            } else if (!member.firing() && member.notifiedAt() > 0 && !member.resolvedNotified() && receiver.sendResolved()) {
                pendingResolved.add(member);
            } else if (owed(member, route)) {
                missed.add(member);
            }
        }
        List<GroupMember> waiting = new ArrayList<>(pendingResolved);
        waiting.addAll(missed);
        long flushDue = flushDue(status, route, pendingNew, waiting);
        boolean sending = routing.tree().sendsAt(route, Instant.ofEpochMilli(now));

        int step = status.step();
        int escalation = status.escalationStep();
        long lastFlush = status.lastFlushAt();
        long nextEscalation = status.nextEscalationAt();
        long nextRepeat = status.nextRepeatAt();
        boolean held = status.held();
        long repeatMillis = route.repeatInterval().toMillis();

        if (!sending) {
            wake = Math.min(wake, now + MUTED_RECHECK_MILLIS);
        } else {
            // 1. New alerts (or resolutions) once the group has waited long enough.
            if ((!pendingNew.isEmpty() || !waiting.isEmpty()) && now >= flushDue) {
                List<Alert> resolved = new ArrayList<>(missed.stream().map(GroupMember::alert).toList());
                pendingResolved.forEach(m -> resolved.add(m.alert()));
                if (!pendingNew.isEmpty() || !missed.isEmpty()) {
                    String reason = lastFlush == 0 ? Notification.FIRING : Notification.UPDATE;
                    pendingNew.forEach(m -> group.members().put(m.fingerprint(), m.notified(now)));
                    // Told once, as resolved: nothing of them is left to escalate.
                    missed.forEach(m -> group.members().put(m.fingerprint(), m.notified(now).resolutionNotified()));
                    // New alerts start escalation again at its first step; alerts told only as resolved
                    // go to whoever the group has reached, who also hear of resolutions due now.
                    int told = pendingNew.isEmpty() ? Math.max(0, escalation) : 0;
                    notifications.addAll(notify(status, step++, told, reason,
                            pendingNew.isEmpty() ? targetsUpTo(policy, told) : policy.step(0).targets(),
                            firingToTell(group, pendingNew), resolved, now, records));
                    if (!pendingNew.isEmpty()) {
                        escalation = 0;
                        nextEscalation = policy.hasStepAfter(0) ? now + policy.delayAfter(0).toMillis() : 0;
                        nextRepeat = now + repeatMillis;
                        held = false;
                    }
                } else {
                    notifications.addAll(notify(status, step++, escalation, Notification.RESOLVED,
                            targetsUpTo(policy, escalation), firingToTell(group, List.of()), resolved, now, records));
                }
                pendingResolved.forEach(m -> group.members().put(m.fingerprint(), m.resolutionNotified()));
                lastFlush = now;
                // Alerts told although muted (inhibited only after they fired for the group wait) are muted now.
                keepQuiet(group, status, route, now, controls, records);
            }

            boolean anyUnacknowledged = !unacknowledged(group, policy, now, controls).isEmpty();
            // 2. Nobody acknowledged in time: the next step.
            if (nextEscalation > 0 && now >= nextEscalation) {
                if (anyUnacknowledged) {
                    escalation++;
                    notifications.addAll(notify(status, step++, escalation, Notification.ESCALATION,
                            policy.step(escalation).targets(), firingToTell(group, List.of()), List.of(), now, records));
                    nextEscalation = policy.hasStepAfter(escalation) ? now + policy.delayAfter(escalation).toMillis() : 0;
                    nextRepeat = now + repeatMillis;
                } else {
                    nextEscalation = 0;
                    held = true;
                }
            }
            // 3. Escalation was held by acknowledgements or silences that have since lapsed: start again.
            if (held && nextEscalation == 0 && anyUnacknowledged) {
                escalation = 0;
                notifications.addAll(notify(status, step++, escalation, Notification.RESUMED, policy.step(0).targets(),
                        firingToTell(group, List.of()), List.of(), now, records));
                nextEscalation = policy.hasStepAfter(0) ? now + policy.delayAfter(0).toMillis() : 0;
                nextRepeat = now + repeatMillis;
                held = false;
            }
            // 4. Escalation has run its course and the alerts still fire unacknowledged: remind.
            if (nextRepeat > 0 && now >= nextRepeat && nextEscalation == 0) {
                if (anyUnacknowledged) {
                    notifications.addAll(notify(status, step++, escalation, Notification.REPEAT,
                            policy.step(Math.max(0, escalation)).targets(), firingToTell(group, List.of()), List.of(), now,
                            records));
                    nextRepeat = now + repeatMillis;
                } else {
                    nextRepeat = 0;
                    held = true;
                }
            }
        }

        // Resolved alerts leave once told (or when nobody needs telling).
        group.members().values().removeIf(m -> !m.firing() && (m.resolvedNotified()
                || (m.notifiedAt() == 0 ? !owed(m, route) : !receiver.sendResolved())));
        if (group.members().isEmpty()) {
            group.clear();
            return new Result(notifications, records);
        }

        GroupStatus next = status.with(step, escalation, lastFlush, nextEscalation, nextRepeat, held);
        group.status(next);
        // When to look again.
        List<GroupMember> stillPendingNew = group.members().values().stream()
                .filter(m -> m.firing() && m.notifiedAt() == 0 && m.suppressedBy().isEmpty()).toList();
        List<GroupMember> stillPendingResolved = group.members().values().stream()
                .filter(m -> !m.firing() && !m.resolvedNotified()).toList(); // owed ones included
        if (!stillPendingNew.isEmpty() || !stillPendingResolved.isEmpty()) {
            wake = Math.min(wake, Math.max(now + 1, flushDue(next, route, stillPendingNew, stillPendingResolved)));
        }
        if (nextEscalation > 0) {
            wake = Math.min(wake, nextEscalation);
        }
        if (nextRepeat > 0 && nextEscalation == 0) {
            wake = Math.min(wake, nextRepeat); // reminders start once escalation has run its course
        }
        if (held) {
            wake = Math.min(wake, earliestLapse(group, policy, now, controls));
        }
        if (!sending && wake <= now) {
            wake = now + MUTED_RECHECK_MILLIS; // something is due but the route may not send yet
        }
        group.status(next.withWakeAt(wake == Long.MAX_VALUE ? 0 : Math.max(wake, now + 1)));
        return new Result(notifications, records);
    }

    /**
     * Marks what keeps each firing alert quiet now (a silence, an inhibition), with an audit line when
     * that changes. Returns when the earliest silence ends.
     */
    private static long keepQuiet(NotificationGroup group, GroupStatus status, Route route, long now, Controls controls,
            List<DeliveryRecord> records) {
        long wake = Long.MAX_VALUE;
        for (GroupMember member : List.copyOf(group.members().values())) {
            if (!member.firing()) {
                continue;
            }
            Optional<Silence> silence = controls.silencing(member.alert().labels(), now);
            String by = silence.map(s -> "silence:" + s.id())
                    .orElse(member.inhibited() && !toldBeforeMuted(member, route) ? "inhibited" : "");
            if (silence.isPresent()) {
                wake = Math.min(wake, silence.get().endsAt());
            }
            if (!by.equals(member.suppressedBy())) {
                group.members().put(member.fingerprint(), member.suppressed(by));
                if (!by.isEmpty()) {
                    records.add(decision(status, member.alert(), silence.isPresent() ? DeliveryRecord.SILENCED
                            : DeliveryRecord.INHIBITED, by, now));
                }
            }
        }
        return wake;
    }

    /**
     * A muted alert not yet told that is told first anyway: the alert muting it started firing at
     * least the group wait after it did, in event time. Live, its group would have told it before the
     * muting alert existed. In a replay, or while the job catches up after a restore, event time runs
     * far faster than the wall-clock group wait, so whether the muting alert arrives within the wait
     * would depend on how fast the job ran: one run would tell the alert and another would not (cluster
     * campaign run 24). Deciding on event time tells it in both. Like {@link #owed}, live this
     * changes nothing.
     */
    private static boolean toldBeforeMuted(GroupMember member, Route route) {
        return member.notifiedAt() == 0 && member.inhibitedSince() - member.alert().eventTime() >= route.groupWait().toMillis();
    }

    /**
     * An alert that resolved before its group's first message and is told anyway: it fired, nothing
     * kept it quiet, and in its own (event) time it fired for at least the group wait. Group wait is
     * wall-clock time, alerts live in event time: in a replay, or while the job catches up on a
     * backlog after a restore or an outage, event time runs far faster, so an alert that fired for
     * hours can resolve within one group wait. Dropping it (Alertmanager's rule, right only when both
     * clocks run together) would tell nobody of it, and whether anyone is told would depend on how fast
     * the job happened to run. Live, an alert resolving within the wait also lasted less than the
     * wait in event time: a blip, still not told.
     */
    private static boolean owed(GroupMember member, Route route) {
        Alert alert = member.alert();
        return !member.firing() && member.notifiedAt() == 0 && member.suppressedBy().isEmpty()
                && alert.eventTime() - alert.episodeStart() >= route.groupWait().toMillis();
    }

    private static long flushDue(GroupStatus status, Route route, List<GroupMember> pendingNew,
            List<GroupMember> pendingResolved) {
        if (status.lastFlushAt() > 0) {
            return status.lastFlushAt() + route.groupInterval().toMillis();
        }
        long first = Long.MAX_VALUE;
        for (GroupMember m : pendingNew) {
            first = Math.min(first, m.firstSeenAt());
        }
        for (GroupMember m : pendingResolved) {
            first = Math.min(first, m.firstSeenAt());
        }
        return first == Long.MAX_VALUE ? Long.MAX_VALUE : first + route.groupWait().toMillis();
    }

    /** Firing, told, not silenced or inhibited, and not acknowledged: what escalation is about. */
    static List<GroupMember> unacknowledged(NotificationGroup group, EscalationPolicy policy, long now, Controls controls) {
        long groupAck = -1;
        for (GroupMember member : group.members().values()) {
            Optional<Acknowledgement> ack = controls.ack(member.fingerprint());
            if (ack.isPresent() && ack.get().inForce(now, policy.ackTimeout())) {
                groupAck = Math.max(groupAck, ack.get().at());
            }
        }
        List<GroupMember> open = new ArrayList<>();
        for (GroupMember member : group.members().values()) {
            if (!member.firing() || member.notifiedAt() == 0 || !member.suppressedBy().isEmpty()) {
                continue;
            }
            Optional<Acknowledgement> own = controls.ack(member.fingerprint());
            boolean acknowledged = (own.isPresent() && own.get().inForce(now, policy.ackTimeout()))
                    || groupAck >= member.notifiedAt();
            if (!acknowledged) {
                open.add(member);
            }
        }
        return open;
    }

    private static long earliestLapse(NotificationGroup group, EscalationPolicy policy, long now, Controls controls) {
        long earliest = Long.MAX_VALUE;
        for (GroupMember member : group.members().values()) {
            Optional<Acknowledgement> ack = controls.ack(member.fingerprint());
            if (ack.isPresent() && ack.get().inForce(now, policy.ackTimeout())) {
                earliest = Math.min(earliest, ack.get().lapsesAt(policy.ackTimeout()));
            }
        }
        return earliest;
    }

    /** The alerts a message lists: the new ones first, then the others still firing and not silenced. */
    private static List<Alert> firingToTell(NotificationGroup group, List<GroupMember> fresh) {
        Set<String> seen = new LinkedHashSet<>();
        List<Alert> alerts = new ArrayList<>();
        for (GroupMember m : fresh) {
            if (seen.add(m.fingerprint())) {
                alerts.add(m.alert());
            }
        }
        for (GroupMember m : group.members().values()) {
            if (m.firing() && m.suppressedBy().isEmpty() && m.notifiedAt() > 0 && seen.add(m.fingerprint())) {
                alerts.add(m.alert());
            }
        }
        return alerts;
    }

    private static List<Target> targetsUpTo(EscalationPolicy policy, int escalation) {
        Set<Target> targets = new LinkedHashSet<>();
        for (int i = 0; i <= Math.max(0, Math.min(escalation, policy.steps().size() - 1)); i++) {
            targets.addAll(policy.step(i).targets());
        }
        return new ArrayList<>(targets);
    }

    private List<Notification> notify(GroupStatus status, int step, int escalation, String reason, List<Target> targets,
            List<Alert> firing, List<Alert> resolved, long now, List<DeliveryRecord> records) {
        String key = status.leadFingerprint() + "#" + step + "@" + status.routeId();
        List<Contact> contacts = routing.directory().resolve(targets, Instant.ofEpochMilli(now));
        if (contacts.isEmpty()) {
            List<String> fingerprints = new ArrayList<>();
            firing.forEach(a -> fingerprints.add(a.fingerprint()));
            resolved.forEach(a -> fingerprints.add(a.fingerprint()));
            records.add(new DeliveryRecord(key + "/-", key, fingerprints, status.groupKey(), status.receiver(), step,
                    escalation, reason, "-", "-", 0, DeliveryRecord.NO_RECIPIENT,
                    "nobody to tell: " + targets + " resolve to no one at " + Instant.ofEpochMilli(now), now));
            return List.of();
        }
        List<Notification> out = new ArrayList<>();
        for (Contact contact : contacts) {
            out.add(new Notification(key, status.groupKey(), status.receiver(), step, escalation, reason, contact, firing,
                    resolved, now));
        }
        return out;
    }

    private static DeliveryRecord decision(GroupStatus status, Alert alert, String outcome, String detail, long now) {
        String key = alert.fingerprint() + "@" + status.routeId() + "/" + detail;
        return new DeliveryRecord(key, null, List.of(alert.fingerprint()), status.groupKey(), status.receiver(),
                status.step(), status.escalationStep(), outcome, "-", "-", 0, outcome, detail, now);
    }

    /** Exposed for tests and the routing test runner. */
    public AlertRouting routing() {
        return routing;
    }
}
