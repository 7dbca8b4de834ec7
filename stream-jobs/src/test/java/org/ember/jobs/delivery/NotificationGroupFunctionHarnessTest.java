package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.delivery.DeliveryFixtures.SECOND;
import static org.ember.jobs.delivery.DeliveryFixtures.T0;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.ember.model.Alert;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.RoutedAlert;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.routing.Matcher;
import org.ember.rules.silence.Silence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grouping and escalation operator with Flink's harness: processing time is set by hand. */
class NotificationGroupFunctionHarnessTest {
    @TempDir
    Path outbox;

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, ControlMessage, Notification> harness;
    private AlertRouting routing;

    private static final Alert KNIVES = DeliveryFixtures.firing("f-knives", "weapon-reports", "critical", "W01001700");
    private static final Alert FIGHTS = DeliveryFixtures.firing("f-fights", "violence-cluster", "warning", "W01001701");

    @BeforeEach
    void open() throws Exception {
        harness = start(null, T0);
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, ControlMessage, Notification> start(
            OperatorSubtaskState restoreFrom, long now) throws Exception {
        DeliverySettings settings = DeliveryFixtures.outbox(outbox);
        routing = settings.routing();
        var started = new KeyedBroadcastOperatorTestHarness<String, RoutedAlert, ControlMessage, Notification>(
                new CoBroadcastWithKeyedOperator<>(new NotificationGroupFunction(settings),
                        List.of(NotificationGroupFunction.ACKS, NotificationGroupFunction.SILENCES)),
                RoutedAlert::groupKey, Types.STRING, 1, 1, 0);
        started.setProcessingTime(now);
        if (restoreFrom != null) {
            started.initializeState(restoreFrom);
        }
        started.open();
        return started;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void arrive(Alert alert) throws Exception {
        for (RoutedAlert routed : routing.route(alert, OptionalLong.empty())) {
            harness.processElement(routed, 0);
        }
    }

    private List<String> told() {
        return harness.extractOutputValues().stream().map(n -> n.reason() + "→" + n.contact().who()).toList();
    }

    @Test
    void groupedThenEscalatedThenAcknowledgedAndNothingMoreFollows() throws Exception {
        arrive(KNIVES);
        harness.setProcessingTime(T0 + 500);
        arrive(FIGHTS);
        harness.setProcessingTime(T0 + SECOND);
        assertThat(told()).containsExactly("firing→duty.officer");
        assertThat(harness.extractOutputValues().get(0).firing()).extracting(Alert::fingerprint)
                .containsExactly("f-knives", "f-fights");

        harness.setProcessingTime(T0 + 6 * SECOND);
        assertThat(told()).containsExactly("firing→duty.officer", "escalation→spoke.lead");

        harness.processBroadcastElement(ControlMessage.of(new Acknowledgement("f-knives", "spoke.lead", T0 + 7 * SECOND, 0,
                "on it")), 0);
        harness.setProcessingTime(T0 + 3_600 * SECOND);
        harness.setProcessingTime(T0 + 10 * 3_600 * SECOND);
        assertThat(told()).as("acknowledged: no repeat, no more escalation").hasSize(2);
    }

    @Test
    void aSilenceFromTheBroadcastSideStopsTheGroupAndIsAudited() throws Exception {
        Silence silence = Silence.create("s-1", List.of(Matcher.parse("lad=\"W06000015\"")), T0, T0 + 60 * SECOND, "hub",
                "event in the city centre", T0);
        harness.processBroadcastElement(ControlMessage.of(silence), 0);
        arrive(KNIVES);
        harness.setProcessingTime(T0 + 30 * SECOND);
        assertThat(told()).isEmpty();
        assertThat(harness.getSideOutput(NotificationGroupFunction.DECISIONS)).extracting(StreamRecord::getValue)
                .extracting(DeliveryRecord::outcome).containsExactly(DeliveryRecord.SILENCED);
        harness.setProcessingTime(T0 + 60 * SECOND);
        assertThat(told()).as("told when the silence ends").containsExactly("firing→duty.officer");
    }

    /**
     * ClusterFaultIT runs 6 and 8: the replay (or a restored job catching up) brings an alert's
     * firing and its resolution hours later in event time within one group wait of wall-clock time.
     * Before, the group was dropped at the resolution and nobody was told; now it is told at the
     * group wait, also across a restore in between, and then nothing is left.
     */
    @Test
    void alertsThatFiredForAnHourAndResolvedWithinTheGroupWaitAreToldOnceAcrossARestore() throws Exception {
        arrive(KNIVES);
        harness.setProcessingTime(T0 + 200);
        arrive(FIGHTS);
        harness.setProcessingTime(T0 + 300);
        arrive(DeliveryFixtures.resolved(KNIVES));
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0 + 300);
        harness.close();

        harness = start(checkpoint, T0 + 400);
        arrive(DeliveryFixtures.resolved(FIGHTS));
        assertThat(told()).as("group_wait (1 s) has not passed").isEmpty();
        harness.setProcessingTime(T0 + SECOND);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(n -> {
            assertThat(n.deliveryKey()).isEqualTo("f-knives#0@root/email:duty@cardiff.example");
            assertThat(n.reason()).isEqualTo(Notification.FIRING);
            assertThat(n.resolved()).extracting(Alert::fingerprint).containsExactly("f-knives", "f-fights");
        });
        assertThat(harness.numProcessingTimeTimers()).as("nothing to escalate").isZero();
        harness.setProcessingTime(T0 + 3_600 * SECOND);
        assertThat(told()).hasSize(1);
        assertThat(((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) harness.getOperator()
                .getKeyedStateBackend()).numKeyValueStateEntries()).as("the group's state is gone").isZero();
    }

    @Test
    void whenEveryAlertHasResolvedNoTimerIsLeft() throws Exception {
        arrive(KNIVES);
        harness.setProcessingTime(T0 + SECOND);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        arrive(DeliveryFixtures.resolved(KNIVES));
        harness.setProcessingTime(T0 + 10 * SECOND);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(told()).containsExactly("firing→duty.officer");
    }
}
