package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.delivery.DeliveryFixtures.SECOND;
import static org.ember.jobs.delivery.DeliveryFixtures.T0;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ember.jobs.testing.TestFeeds;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.Notification;
import org.ember.rules.oncall.Contact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager dies after the send stage delivered messages and before the next checkpoint: the
 * stage is restored from the checkpoint taken before the sends, on a fresh function instance (as on
 * another TaskManager), and the notifications are replayed to it. Each recipient must find exactly
 * one e-mail in a real SMTP server (GreenMail), which keeps every message it is given: dedup is the
 * job's, not the server's.
 */
class DeliveryRestoreHarnessTest {
    @TempDir
    Path work;

    private GreenMail mail;

    @AfterEach
    void stopMail() {
        if (mail != null) {
            mail.stop();
        }
    }

    private static final Contact DUTY = new Contact("duty.officer", "Duty Officer", Contact.EMAIL, "duty@cardiff.example");
    private static final Contact LEAD = new Contact("spoke.lead", "Spoke Lead", Contact.EMAIL, "lead@cardiff.example");

    private static Notification to(Contact contact, int step) {
        return new Notification("f-knives#" + step + "@root", "root{lad=\"W06000015\"}", "cardiff", step, 0,
                Notification.FIRING, contact,
                List.of(DeliveryFixtures.firing("f-knives", "weapon-reports", "critical", "W01001700")), List.of(), T0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> start(
            DeliverySettings settings, OperatorSubtaskState restoreFrom, long now) throws Exception {
        return start(new DeliverFunction(settings, TestFeeds.dataDir().toString(), TestFeeds.coverage()), restoreFrom, now);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> start(
            DeliverFunction function, OperatorSubtaskState restoreFrom, long now) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord>(
                new KeyedProcessOperator<>(function), n -> n.contact().channel() + ":" + n.contact().address(), Types.STRING);
        harness.setProcessingTime(now);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private static List<String> outcomes(KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> h) {
        return h.extractOutputValues().stream().map(r -> r.recipient() + " " + r.outcome() + "#" + r.attempt()).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private GreenMail startMail(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** Messages received, per recipient address. */
    private Map<String, Integer> received() throws Exception {
        Map<String, Integer> byRecipient = new TreeMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (Address to : message.getAllRecipients()) {
                byRecipient.merge(to.toString(), 1, Integer::sum);
            }
        }
        return byRecipient;
    }

    /** Sends to both recipients after a checkpoint, "kills" the stage, restores it and replays. */
    private List<String> sendKillRestoreReplay(DeliverySettings settings) throws Exception {
        var first = start(settings, null, T0);
        OperatorSubtaskState checkpoint = first.snapshot(1, T0);
        first.processElement(to(DUTY, 0), 0);
        first.processElement(to(LEAD, 0), 0);
        assertThat(outcomes(first)).containsExactly("duty@cardiff.example sent#1", "lead@cardiff.example sent#1");
        // The TaskManager dies here: no checkpoint 2. Its function instance is never asked again.
        first.close();

        var restored = start(settings, checkpoint, T0 + 10 * SECOND);
        restored.processElement(to(DUTY, 0), 0);
        restored.processElement(to(LEAD, 0), 0);
        restored.setProcessingTime(T0 + 60 * SECOND);
        List<String> after = outcomes(restored);
        restored.close();
        return after;
    }

    @Test
    void messagesSentAfterTheLastCheckpointAreNotSentAgainByTheStageRestoredFromIt() throws Exception {
        int port = freePort();
        mail = startMail(port);
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", port, "ember@vru.example"),
                work.resolve("ledger"));

        List<String> replayed = sendKillRestoreReplay(settings);

        assertThat(replayed).containsExactly("duty@cardiff.example duplicate#0", "lead@cardiff.example duplicate#0");
        assertThat(received()).containsExactlyInAnyOrderEntriesOf(
                Map.of("duty@cardiff.example", 1, "lead@cardiff.example", 1));
    }

    @Test
    void withoutALedgerTheRestoredStageSendsThemAgainWhichIsWhatTheLedgerIsFor() throws Exception {
        int port = freePort();
        mail = startMail(port);
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", port, "ember@vru.example"), null);

        List<String> replayed = sendKillRestoreReplay(settings);

        // Checkpointed state alone: the restore forgot both sends. The server keeps both copies.
        assertThat(replayed).containsExactly("duty@cardiff.example sent#1", "lead@cardiff.example sent#1");
        assertThat(received()).containsExactlyInAnyOrderEntriesOf(
                Map.of("duty@cardiff.example", 2, "lead@cardiff.example", 2));
    }

    @Test
    void aRetryRestoredFromACheckpointTakenWhileTheServerWasDownIsNotSentAgain() throws Exception {
        int port = freePort();
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", port, "ember@vru.example"),
                work.resolve("ledger"));
        var first = start(settings, null, T0);
        first.processElement(to(DUTY, 0), 0);
        assertThat(outcomes(first)).containsExactly("duty@cardiff.example failed#1");
        // The checkpoint holds the waiting message and its retry timer.
        OperatorSubtaskState checkpoint = first.snapshot(1, T0);
        assertThat(first.numProcessingTimeTimers()).isEqualTo(1);

        mail = startMail(port);
        first.setProcessingTime(T0 + 5 * SECOND);
        assertThat(outcomes(first)).containsExactly("duty@cardiff.example failed#1", "duty@cardiff.example sent#2");
        first.close();

        var restored = start(settings, checkpoint, T0 + 6 * SECOND);
        assertThat(restored.numProcessingTimeTimers()).as("the restored retry").isEqualTo(1);
        restored.setProcessingTime(T0 + 60 * SECOND);
        assertThat(outcomes(restored)).containsExactly("duty@cardiff.example duplicate#1");
        assertThat(restored.numProcessingTimeTimers()).isZero();
        restored.close();
        assertThat(received()).containsExactlyEntriesOf(Map.of("duty@cardiff.example", 1));
    }

    @Test
    void aRestoredRetryStillGoesOutWhenNoEarlierAttemptGotThrough() throws Exception {
        int port = freePort();
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", port, "ember@vru.example"),
                work.resolve("ledger"));
        var first = start(settings, null, T0);
        first.processElement(to(DUTY, 0), 0);
        OperatorSubtaskState checkpoint = first.snapshot(1, T0);
        first.close(); // killed while the server is still down

        mail = startMail(port);
        DeliverFunction function = new DeliverFunction(settings, TestFeeds.dataDir().toString(), TestFeeds.coverage());
        var restored = start(function, checkpoint, T0 + 6 * SECOND);
        assertThat(function.pending()).as("the gauge counts the restored retry while it waits").isEqualTo(1);
        restored.setProcessingTime(T0 + 60 * SECOND);
        assertThat(outcomes(restored)).containsExactly("duty@cardiff.example sent#2");
        assertThat(function.pending()).isZero();
        restored.close();
        assertThat(received()).containsExactlyEntriesOf(Map.of("duty@cardiff.example", 1));
    }

    @Test
    void aLedgerThatCannotBeWrittenStopsTheStageWhenItOpensNamingTheLocation() throws Exception {
        Path file = java.nio.file.Files.writeString(work.resolve("not-a-directory"), "x");
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", freePort(), "e@vru.example"),
                file.resolve("ledger"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(settings, null, T0))
                .hasMessageContaining("the delivery ledger")
                .hasMessageContaining("not-a-directory");
    }
}
