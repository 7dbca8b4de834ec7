package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.delivery.DeliveryFixtures.SECOND;
import static org.ember.jobs.delivery.DeliveryFixtures.T0;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.jobs.testing.TestFeeds;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.Notification;
import org.ember.rules.oncall.Contact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending with retries against a real SMTP server (GreenMail) that is down, then up. */
class DeliverFunctionHarnessTest {
    @TempDir
    Path work;

    private GreenMail mail;

    @AfterEach
    void stopMail() {
        if (mail != null) {
            mail.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Notification toDuty(int step) {
        return new Notification("f-knives#" + step + "@root", "root{lad=\"W06000015\"}", "cardiff", step, 0,
                Notification.FIRING, new Contact("duty.officer", "Duty Officer", Contact.EMAIL, "duty@cardiff.example"),
                List.of(DeliveryFixtures.firing("f-knives", "weapon-reports", "critical", "W01001700")), List.of(), T0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> harness(
            DeliverySettings settings) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeliverFunction(settings,
                        TestFeeds.dataDir().toString(), org.ember.jobs.testing.TestFeeds.coverage()),
                        n -> n.contact().address(), Types.STRING);
        harness.setProcessingTime(T0);
        harness.open();
        return harness;
    }

    private static List<String> outcomes(KeyedOneInputStreamOperatorTestHarness<String, Notification, DeliveryRecord> h) {
        return h.extractOutputValues().stream().map(r -> r.outcome() + "#" + r.attempt()).toList();
    }

    @Test
    void whileTheMailServerIsDownTheMessageWaitsAndItArrivesOnceWhenTheServerIsBack() throws Exception {
        int port = freePort();
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", port, "ember@vru.example"),
                work.resolve("ledger"));
        var harness = harness(settings);
        harness.processElement(toDuty(0), 0);
        harness.setProcessingTime(T0 + SECOND);
        assertThat(outcomes(harness)).containsExactly("failed#1", "failed#2");
        assertThat(harness.numProcessingTimeTimers()).as("the next attempt waits 2 s").isEqualTo(1);

        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        harness.setProcessingTime(T0 + 3 * SECOND);
        harness.setProcessingTime(T0 + 30 * SECOND);
        assertThat(outcomes(harness)).containsExactly("failed#1", "failed#2", "sent#3");
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[CRITICAL] weapon-reports · Cardiff");
        assertThat(received[0].getHeader("X-Ember-Idempotency-Key")[0])
                .isEqualTo("f-knives#0@root/email:duty@cardiff.example");
        assertThat(received[0].getContent().toString()).contains("Acknowledge: http://127.0.0.1:8080/alerts/f-knives/ack");
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // The same notification again (a replay): not sent twice, in this job or in a restarted one.
        harness.processElement(toDuty(0), 0);
        harness.close();
        var restarted = harness(settings);
        restarted.processElement(toDuty(0), 0);
        assertThat(outcomes(restarted)).containsExactly("duplicate#0");
        restarted.close();
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void afterTheRetryLimitTheMessageIsRecordedUndeliverable() throws Exception {
        DeliverySettings settings = DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", freePort(), "ember@vru.example"),
                null);
        var harness = harness(settings);
        harness.processElement(toDuty(0), 0);
        for (long t = T0; t <= T0 + 90 * SECOND; t += SECOND) {
            harness.setProcessingTime(t);
        }
        List<String> outcomes = outcomes(harness);
        assertThat(outcomes.get(outcomes.size() - 1)).startsWith(DeliveryRecord.UNDELIVERABLE);
        assertThat(outcomes.subList(0, outcomes.size() - 1)).allMatch(o -> o.startsWith(DeliveryRecord.FAILED));
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.close();
    }

    @Test
    void aWebhookThatAnswersAnErrorIsRetriedAndGetsOneJsonBodyForTeamsAndSlack() throws Exception {
        java.util.List<String> bodies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<String> keys = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = calls.incrementAndGet() == 1 ? 503 : 200; // down once, then up
            if (status == 200) {
                bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Notification toChannel = new Notification("f-knives#0@root", "root{lad=\"W06000015\"}", "cardiff", 0, 0,
                    Notification.FIRING, new Contact("team:cardiff", "Cardiff spoke", Contact.WEBHOOK, url),
                    List.of(DeliveryFixtures.firing("f-knives", "weapon-reports", "critical", "W01001700")), List.of(), T0);
            var harness = harness(DeliveryFixtures.live(SmtpSettings.plain("127.0.0.1", freePort(), "e@vru.example"), null));
            harness.processElement(toChannel, 0);
            harness.setProcessingTime(T0 + 2 * SECOND);
            assertThat(outcomes(harness)).containsExactly("failed#1", "sent#2");
            assertThat(bodies).singleElement().satisfies(body -> assertThat(body).contains("\"@type\":\"MessageCard\"")
                    .contains("\"blocks\":").contains("\"text\":\"*[CRITICAL] weapon-reports · Cardiff*"));
            assertThat(keys).containsExactly(toChannel.deliveryKey());
            harness.close();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void inOutboxModeMessagesBecomeFilesAndNothingIsSent() throws Exception {
        DeliverySettings settings = DeliveryFixtures.outbox(work.resolve("outbox"));
        var harness = harness(settings);
        harness.processElement(toDuty(0), 0);
        harness.processElement(toDuty(1), 0);
        assertThat(outcomes(harness)).containsExactly("sent#1", "sent#1");
        try (Stream<Path> files = Files.list(work.resolve("outbox"))) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(2).allMatch(p -> p.toString().endsWith(".eml"));
            assertThat(Files.readString(written.get(0))).contains("To: duty@cardiff.example")
                    .contains("Where:    Cardiff 032F (W01001700), Cardiff (W06000015)");
        }
        harness.close();
    }
}
