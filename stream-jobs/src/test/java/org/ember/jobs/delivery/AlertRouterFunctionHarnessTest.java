package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.model.Alert;
import org.ember.rules.delivery.RoutedAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRouterFunctionHarnessTest {
    @TempDir
    Path outbox;

    @Test
    void aCriticalAlertMutesTheWarningAboutTheSameAreaUntilItResolves() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Alert, RoutedAlert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AlertRouterFunction(DeliveryFixtures.outbox(outbox)),
                        a -> AlertRouterFunction.KEY, Types.STRING);
        harness.open();
        Alert warning = DeliveryFixtures.firing("f-warning", "violence-cluster", "warning", "W01001700");
        Alert critical = DeliveryFixtures.firing("f-critical", "weapon-reports", "critical", "W01001700");
        harness.processElement(warning, 0);
        harness.processElement(critical, 0);
        harness.processElement(DeliveryFixtures.resolved(critical), 0);
        assertThat(harness.extractOutputValues()).extracting(r -> r.alert().fingerprint() + ":" + r.alert().state()
                + (r.inhibited() ? ":inhibited" : "")).containsExactly(
                        "f-warning:firing",
                        "f-critical:firing",
                        "f-warning:firing:inhibited",
                        "f-critical:resolved",
                        "f-warning:firing");
        assertThat(harness.extractOutputValues()).extracting(RoutedAlert::groupKey).containsOnly("root{lad=\"W06000015\"}");
        assertThat(harness.extractOutputValues()).filteredOn(RoutedAlert::inhibited).singleElement()
                .as("muted since the critical alert fired, in event time")
                .extracting(RoutedAlert::inhibitedSince).isEqualTo(critical.eventTime());
        harness.close();
    }
}
