package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.delivery.DeliveryFixtures.SECOND;
import static org.ember.jobs.delivery.DeliveryFixtures.T0;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.RoutedAlert;
import org.ember.rules.silence.SilenceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two silences that stopped alerting: one whose regular expression backtracks catastrophically
 * (it hung the delivery task on java.util.regex) and one that matches every alert while looking
 * specific. The first is harmless on RE2J, the second never reaches the job; alerts keep flowing.
 * The timeout only turns a hang into a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileSilenceHarnessTest {
    @TempDir
    Path outbox;

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, ControlMessage, Notification> harness;
    private AlertRouting routing;

    private static final Alert KNIVES = DeliveryFixtures.firing("f-knives", "weapon-reports", "critical", "W01001700");

    @BeforeEach
    void open() throws Exception {
        DeliverySettings settings = DeliveryFixtures.outbox(outbox);
        routing = settings.routing();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new NotificationGroupFunction(settings),
                RoutedAlert::groupKey, Types.STRING, NotificationGroupFunction.ACKS, NotificationGroupFunction.SILENCES);
        harness.setProcessingTime(T0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static List<ControlMessage> parse(String json) {
        List<ControlMessage> out = new ArrayList<>();
        new ControlParser().flatMap(new RawFeedRecord(Topics.ACKS, 0, 0, T0, json.getBytes(StandardCharsets.UTF_8)),
                new ListCollector<>(out));
        return out;
    }

    @Test
    void catastrophicAndAllMatchingSilencesLeaveAlertsFlowing() throws Exception {
        // As the console builds it from POST /api/silences: accepted, and harmless in linear time.
        ControlMessage backtracking = ControlMessage.of(new SilenceRequest(List.of("alertname=~\"(.*){1,32}!\""), null,
                null, "2h", "attacker", "hang the job").toSilence("s-regex", java.time.Instant.ofEpochMilli(T0)));
        harness.processBroadcastElement(backtracking, 0);
        // Written straight to ember.acks, bypassing the console: the job refuses it when reading.
        String allMatching = """
                {"kind":"silence","silence":{"id":"s-all","matchers":["severity=~\\".+\\""],"starts_at":%d,
                 "ends_at":%d,"created_by":"attacker","comment":"mute everything","created_at":%d}}"""
                .formatted(T0, T0 + 3_600 * SECOND, T0);
        assertThat(parse(allMatching)).isEmpty();

        for (RoutedAlert routed : routing.route(KNIVES, OptionalLong.empty())) {
            harness.processElement(routed, 0);
        }
        harness.setProcessingTime(T0 + SECOND);
        assertThat(harness.extractOutputValues()).extracting(n -> n.reason() + "→" + n.contact().who())
                .containsExactly("firing→duty.officer");
    }
}
