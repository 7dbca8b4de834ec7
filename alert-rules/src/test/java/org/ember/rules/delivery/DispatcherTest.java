package org.ember.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.rules.delivery.TestAlerts.CARDIFF;
import static org.ember.rules.delivery.TestAlerts.MINUTE;
import static org.ember.rules.delivery.TestAlerts.SECOND;
import static org.ember.rules.delivery.TestAlerts.SWANSEA;
import static org.ember.rules.delivery.TestAlerts.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.ember.model.Alert;
import org.ember.rules.routing.Matcher;
import org.ember.rules.silence.Silence;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final AlertRouting routing = TestAlerts.routing();
    private final Dispatcher dispatcher = new Dispatcher(routing);
    private final TestAlerts.MapControls controls = new TestAlerts.MapControls();
    private final NotificationGroup group = NotificationGroup.empty();
    private final List<Notification> sent = new ArrayList<>();
    private final List<DeliveryRecord> audit = new ArrayList<>();

    private static final Alert KNIVES = TestAlerts.firing("f-knives", "weapon-reports", "critical", CARDIFF, "W01001700");
    private static final Alert VIOLENCE = TestAlerts.firing("f-violence", "violence-cluster", "warning", CARDIFF, "W01001701");

    private void arrive(Alert alert, long at) {
        arrive(alert, at, false);
    }

    private void arrive(Alert alert, long at, boolean inhibited) {
        List<RoutedAlert> routed = routing.route(alert, inhibited ? OptionalLong.of(0) : OptionalLong.empty());
        assertThat(routed).hasSize(1);
        collect(dispatcher.onAlert(group, routed.get(0), at, controls));
    }

    /** The alert again, now muted by an alert that started firing at {@code mutingFiredAt} (event time). */
    private void arriveMuted(Alert alert, long at, long mutingFiredAt) {
        List<RoutedAlert> routed = routing.route(alert, OptionalLong.of(mutingFiredAt));
        assertThat(routed).hasSize(1);
        collect(dispatcher.onAlert(group, routed.get(0), at, controls));
    }

    private void tick(long at) {
        collect(dispatcher.evaluate(group, at, controls));
    }

    private void collect(Dispatcher.Result result) {
        sent.addAll(result.notifications());
        audit.addAll(result.records());
    }

    @Test
    void relatedAlertsWithinTheGroupWaitGoOutTogetherToTheOfficerOnDuty() {
        arrive(KNIVES, T0);
        arrive(VIOLENCE, T0 + 10 * SECOND);
        assertThat(sent).isEmpty();
        assertThat(group.status().wakeAt()).as("group_wait after the first alert").isEqualTo(T0 + 30 * SECOND);

        tick(T0 + 30 * SECOND);

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(Notification.FIRING);
            // 20:00 BST on Saturday 25 October 2025 is a night shift (a turn of 12 hours from 08:00 on 6 January).
            assertThat(n.contact().who()).isEqualTo("night.officer");
            assertThat(n.firing()).extracting(Alert::fingerprint).containsExactly("f-knives", "f-violence");
            assertThat(n.key()).isEqualTo("f-knives#0@root");
            assertThat(n.escalationStep()).isZero();
        });
        assertThat(group.status().wakeAt()).as("the first escalation delay").isEqualTo(T0 + 30 * SECOND + 10 * MINUTE);
    }

    @Test
    void nobodyAcknowledgingEscalatesStepByStepThenRemindsAtTheRepeatInterval() {
        arrive(KNIVES, T0);
        tick(T0 + 30 * SECOND);
        long first = T0 + 30 * SECOND;
        tick(first + 10 * MINUTE - 1);
        assertThat(sent).hasSize(1);

        tick(first + 10 * MINUTE);
        tick(first + 20 * MINUTE);
        assertThat(sent).extracting(n -> n.contact().who(), Notification::reason, Notification::escalationStep)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("night.officer", Notification.FIRING, 0),
                        org.assertj.core.groups.Tuple.tuple("spoke.lead", Notification.ESCALATION, 1),
                        org.assertj.core.groups.Tuple.tuple("hub.officer", Notification.ESCALATION, 2));
        assertThat(group.status().wakeAt()).as("escalation is over: the next reminder")
                .isEqualTo(first + 20 * MINUTE + 60 * MINUTE);

        tick(first + 80 * MINUTE);
        assertThat(sent.get(3).reason()).isEqualTo(Notification.REPEAT);
        assertThat(sent).extracting(Notification::key).doesNotHaveDuplicates();
    }

    @Test
    void anAcknowledgementStopsEscalationAndWhenItLapsesEscalationStartsAgain() {
        arrive(KNIVES, T0);
        arrive(VIOLENCE, T0 + 5 * SECOND);
        long first = T0 + 30 * SECOND;
        tick(first);
        // The officer acknowledges one alert of the message: it covers both.
        controls.ack("f-violence", first + 4 * MINUTE, 0);

        tick(first + 10 * MINUTE);
        tick(first + 20 * MINUTE);
        tick(first + 60 * MINUTE); // the repeat interval: acknowledged alerts are not repeated either
        assertThat(sent).hasSize(1);
        assertThat(group.status().held()).isTrue();
        assertThat(group.status().wakeAt()).as("when the acknowledgement lapses (policy ack_timeout 1h)")
                .isEqualTo(first + 4 * MINUTE + 60 * MINUTE);

        tick(first + 64 * MINUTE);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reason()).isEqualTo(Notification.RESUMED);
        assertThat(sent.get(1).contact().who()).isEqualTo("night.officer");
    }

    @Test
    void anAlertJoiningAfterTheAcknowledgementIsNotCoveredByIt() {
        arrive(KNIVES, T0);
        long first = T0 + 30 * SECOND;
        tick(first);
        controls.ack("f-knives", first + MINUTE, 0);
        arrive(VIOLENCE, first + 2 * MINUTE);
        assertThat(group.status().wakeAt()).as("group_interval after the last message").isEqualTo(first + 5 * MINUTE);
        tick(first + 5 * MINUTE);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reason()).isEqualTo(Notification.UPDATE);
        assertThat(sent.get(1).firing()).extracting(Alert::fingerprint).as("the new alert first")
                .containsExactly("f-violence", "f-knives");
        tick(first + 15 * MINUTE);
        assertThat(sent).as("the new alert is not acknowledged: escalation goes on").hasSize(3);
        assertThat(sent.get(2).reason()).isEqualTo(Notification.ESCALATION);
    }

    @Test
    void aSilenceStopsMatchingAlertsAndIsAuditedOnceAndWhenItEndsTheAlertIsTold() {
        Silence silence = Silence.create("s-1", List.of(Matcher.parse("lad=\"W06000015\"")), T0 - MINUTE, T0 + 30 * MINUTE,
                "hub.officer", "Cardiff city centre event, spoke on site", T0 - MINUTE);
        controls.silence(silence);
        arrive(KNIVES, T0);
        tick(T0 + 30 * SECOND);
        tick(T0 + 10 * MINUTE);
        assertThat(sent).isEmpty();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(DeliveryRecord.SILENCED);
            assertThat(r.detail()).isEqualTo("silence:s-1");
        });
        assertThat(group.status().wakeAt()).as("the silence's end").isEqualTo(T0 + 30 * MINUTE);

        tick(T0 + 30 * MINUTE);
        assertThat(sent).singleElement().extracting(Notification::reason).isEqualTo(Notification.FIRING);
    }

    @Test
    void anInhibitedAlertIsNotToldAndTheDecisionIsAudited() {
        arrive(VIOLENCE, T0, true);
        tick(T0 + 30 * SECOND);
        assertThat(sent).isEmpty();
        assertThat(audit).singleElement().extracting(DeliveryRecord::outcome).isEqualTo(DeliveryRecord.INHIBITED);
        arrive(VIOLENCE, T0 + MINUTE, false);
        assertThat(sent).as("no longer inhibited, and the group has waited long enough").hasSize(1);
    }

    @Test
    void aWarningMutedWithinItsGroupWaitInEventTimeIsNeverTold() {
        // Replay speed: the critical alert fired 20 s after the warning in event time and arrives 5 s later.
        arrive(VIOLENCE, T0);
        arriveMuted(VIOLENCE, T0 + 5 * SECOND, VIOLENCE.eventTime() + 20 * SECOND);
        tick(T0 + 30 * SECOND);
        tick(T0 + 30 * SECOND + 10 * MINUTE);
        assertThat(sent).isEmpty();
        assertThat(audit).singleElement().extracting(DeliveryRecord::outcome).isEqualTo(DeliveryRecord.INHIBITED);
    }

    @Test
    void aWarningMutedOnlyAfterItFiredForTheGroupWaitInEventTimeIsToldOnceThenMuted() {
        // Replay speed: the critical alert fired five days after the warning in event time but arrives
        // 5 s later in wall time, inside the 30 s group wait. Live, the warning would have been told first.
        arrive(VIOLENCE, T0);
        arriveMuted(VIOLENCE, T0 + 5 * SECOND, VIOLENCE.eventTime() + 5 * 24 * 60 * MINUTE);
        assertThat(sent).isEmpty();

        tick(T0 + 30 * SECOND);
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo(Notification.FIRING);
            assertThat(n.firing()).extracting(Alert::fingerprint).containsExactly("f-violence");
        });
        assertThat(audit).as("muted as soon as it was told").singleElement().extracting(DeliveryRecord::outcome)
                .isEqualTo(DeliveryRecord.INHIBITED);
        tick(T0 + 30 * SECOND + 10 * MINUTE);
        tick(T0 + 30 * SECOND + 4 * 60 * MINUTE);
        assertThat(sent).as("muted once told: no escalation, no reminder").hasSize(1);
    }

    @Test
    void resolutionsAreToldToEveryoneNotifiedAndTheGroupStateIsThenGone() {
        arrive(KNIVES, T0);
        tick(T0 + 30 * SECOND);
        tick(T0 + 30 * SECOND + 10 * MINUTE); // escalated to the spoke lead
        // group_interval has passed since the last message: the resolution goes out at once.
        arrive(TestAlerts.resolved(KNIVES, T0 + 11 * MINUTE), T0 + 11 * MINUTE);
        Notification resolved = sent.get(sent.size() - 1);
        assertThat(resolved.reason()).isEqualTo(Notification.RESOLVED);
        assertThat(sent.stream().filter(n -> n.reason().equals(Notification.RESOLVED)).map(n -> n.contact().who()))
                .containsExactlyInAnyOrder("night.officer", "spoke.lead");
        assertThat(group.isEmpty()).isTrue();
    }

    @Test
    void aResolutionWithinTheGroupIntervalWaitsForIt() {
        arrive(KNIVES, T0);
        arrive(VIOLENCE, T0);
        tick(T0 + 30 * SECOND);
        arrive(TestAlerts.resolved(KNIVES, T0 + 2 * MINUTE), T0 + 2 * MINUTE);
        assertThat(sent).hasSize(1);
        assertThat(group.status().wakeAt()).isEqualTo(T0 + 30 * SECOND + 5 * MINUTE);
        tick(T0 + 30 * SECOND + 5 * MINUTE);
        assertThat(sent.get(1).reason()).isEqualTo(Notification.RESOLVED);
        assertThat(sent.get(1).resolved()).extracting(Alert::fingerprint).containsExactly("f-knives");
        assertThat(sent.get(1).firing()).extracting(Alert::fingerprint).containsExactly("f-violence");
        assertThat(group.members()).containsOnlyKeys("f-violence");
    }

    /** The alert as its rule resolves it, {@code lasted} of event time after its episode began. */
    private static Alert resolvedAfter(Alert alert, long lasted) {
        return TestAlerts.resolved(alert, alert.episodeStart() + lasted);
    }

    @Test
    void alertsThatFiredForHoursButResolvedWithinTheGroupWaitOfACatchUpAreStillTold() {
        // ClusterFaultIT runs 6 and 8: a replay (or a job catching up on a backlog) runs event time
        // thousands of times faster than the wall clock, so a weapon alert that fired for 24 h and a
        // retaliation alert that fired for 139 h both resolved 18 s after the group opened, before
        // its 30 s group_wait: the group was dropped and nobody was ever told of either.
        Alert retaliation = TestAlerts.firing("f-retaliation", "retaliation-risk", "critical", CARDIFF, "W01001702");
        arrive(KNIVES, T0);
        arrive(retaliation, T0 + 2_400);
        arrive(resolvedAfter(KNIVES, 24 * 60 * MINUTE), T0 + 4_500);
        arrive(resolvedAfter(retaliation, 139 * 60 * MINUTE), T0 + 18 * SECOND);
        assertThat(sent).as("group_wait has not passed").isEmpty();
        assertThat(group.status().wakeAt()).as("the group still waits for its flush").isEqualTo(T0 + 30 * SECOND);

        tick(T0 + 30 * SECOND);

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.key()).as("the same key an undisturbed run gives").isEqualTo("f-knives#0@root");
            assertThat(n.reason()).isEqualTo(Notification.FIRING);
            assertThat(n.contact().who()).isEqualTo("night.officer");
            assertThat(n.firing()).isEmpty();
            assertThat(n.resolved()).extracting(Alert::fingerprint).containsExactly("f-knives", "f-retaliation");
        });
        assertThat(group.isEmpty()).as("told and resolved: nothing left to escalate or remember").isTrue();
    }

    @Test
    void anAlertResolvedWithinTheGroupWaitInItsOwnTimeToIsABlipAndNotTold() {
        arrive(KNIVES, T0);
        arrive(resolvedAfter(KNIVES, 20 * SECOND), T0 + 20 * SECOND);
        tick(T0 + 30 * SECOND);
        assertThat(sent).isEmpty();
        assertThat(group.isEmpty()).isTrue();
    }

    @Test
    void aLongAlertResolvedBeforeTheFlushIsToldBesideTheOnesStillFiringAndOnlyTheseEscalate() {
        arrive(KNIVES, T0);
        arrive(VIOLENCE, T0 + 5 * SECOND);
        arrive(resolvedAfter(KNIVES, 24 * 60 * MINUTE), T0 + 9 * SECOND);
        tick(T0 + 30 * SECOND);
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.key()).isEqualTo("f-knives#0@root");
            assertThat(n.firing()).extracting(Alert::fingerprint).containsExactly("f-violence");
            assertThat(n.resolved()).extracting(Alert::fingerprint).containsExactly("f-knives");
        });
        assertThat(group.members()).containsOnlyKeys("f-violence");
        tick(T0 + 30 * SECOND + 10 * MINUTE);
        assertThat(sent.get(1).reason()).isEqualTo(Notification.ESCALATION);
        assertThat(sent.get(1).firing()).extracting(Alert::fingerprint).containsExactly("f-violence");
        assertThat(sent.get(1).resolved()).isEmpty();
    }

    @Test
    void aSilencedAlertThatResolvedBeforeTheFlushStaysUntold() {
        Silence silence = Silence.create("s-2", List.of(Matcher.parse("alertname=\"weapon-reports\"")), T0 - MINUTE,
                T0 + 30 * MINUTE, "hub.officer", "known event", T0 - MINUTE);
        controls.silence(silence);
        arrive(KNIVES, T0);
        arrive(resolvedAfter(KNIVES, 24 * 60 * MINUTE), T0 + 9 * SECOND);
        tick(T0 + 30 * SECOND);
        assertThat(sent).isEmpty();
        assertThat(group.isEmpty()).isTrue();
    }

    @Test
    void theSameHistoryGivesTheSameIdempotencyKeys() {
        List<String> keys = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            NotificationGroup fresh = NotificationGroup.empty();
            List<Notification> out = new ArrayList<>();
            out.addAll(dispatcher.onAlert(fresh, routing.route(KNIVES, OptionalLong.empty()).get(0), T0, controls).notifications());
            out.addAll(dispatcher.evaluate(fresh, T0 + 30 * SECOND, controls).notifications());
            out.addAll(dispatcher.evaluate(fresh, T0 + 30 * SECOND + 10 * MINUTE, controls).notifications());
            List<String> runKeys = out.stream().map(Notification::deliveryKey).toList();
            if (run == 0) {
                keys.addAll(runKeys);
            } else {
                assertThat(runKeys).isEqualTo(keys);
            }
        }
        assertThat(keys).containsExactly("f-knives#0@root/email:night@cardiff.example",
                "f-knives#1@root/email:lead@cardiff.example");
    }

    @Test
    void whenTheRotaHasNobodyTheNotificationIsAuditedAsNoRecipient() {
        Alert swansea = TestAlerts.firing("f-swansea", "weapon-reports", "critical", SWANSEA, "W01000811");
        arrive(swansea, T0);
        tick(T0 + 30 * SECOND);
        assertThat(sent).isEmpty();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(DeliveryRecord.NO_RECIPIENT);
            assertThat(r.fingerprints()).containsExactly("f-swansea");
        });
    }
}
