package org.ember.jobs.fusion;

import org.ember.fusion.FusionFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.geo.area.Placement;
import org.ember.geo.linkage.LinkageSettings;
import org.ember.fusion.Reports;
import org.ember.jobs.JobSettings;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkageFunctionHarnessTest {
    private static final Instant T = FusionFixtures.FRIDAY_22H;
    private final Placement centre = FusionFixtures.cardiffCentre();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobSettings settings = TestFeeds.settings(TestFeeds.weaponRule(2));
    private KeyedOneInputStreamOperatorTestHarness<String, BlockReport, LinkedIncident> harness;
    private LinkageFunction function;

    @BeforeEach
    void open() throws Exception {
        Metrics.globalRegistry.add(registry);
        function = new LinkageFunction(settings);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(function,
                BlockReport::block, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        Metrics.globalRegistry.remove(registry);
    }

    private Incident report(String feed, String id, int version, boolean cancelled, Instant at, boolean weapon, String age,
            String detail) {
        return new Incident(feed, id, version, cancelled, at.toEpochMilli(), at.toEpochMilli(), "violence", weapon, age,
                centre.lon(), centre.lat(), centre.easting(), centre.northing(), true, centre.lsoa(), centre.lad(),
                centre.cell(), null, detail);
    }

    /** A report arriving as it happens, and the clock passing its arrival. */
    private void send(Incident incident) throws Exception {
        send(incident, incident.eventTime());
    }

    private void send(Incident incident, long arrival) throws Exception {
        for (String block : LinkageRoute.blocks(settings).route(Reports.of(incident))) {
            harness.processElement(new BlockReport(block, incident), arrival);
        }
        harness.processWatermark(arrival);
    }

    private double counter(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aLateAttendanceJoinsACancellationLeavesAndStateEmptiesAfterRetention() throws Exception {
        send(report("police", "CR-1", 1, false, T.plusSeconds(300), true, null, "police: Violence with injury"));
        send(report("ambulance", "AMB-1", 1, false, T.plusSeconds(420), true, "15-17",
                "ambulance: AMPDS 27, category 1"));
        long sevenHoursOn = T.plus(Duration.ofHours(7)).toEpochMilli();
        harness.processWatermark(sevenHoursOn);
        // The attendance arrives seven hours after the assault: it is late, and still joins.
        send(report("ae", "AE-1", 1, false, T.plusSeconds(200), true, "15-17", "A&E 7A4BV: knife sharp, at street"),
                sevenHoursOn + 1);
        send(report("police", "CR-1", 2, true, T.plusSeconds(300), true, null, "police: Violence with injury"),
                sevenHoursOn + 2);

        List<LinkedIncident> out = harness.extractOutputValues();
        assertThat(out).extracting(LinkedIncident::change).containsExactly("created", "joined", "joined", "left");
        LinkedIncident three = out.get(2);
        assertThat(three.incidentId()).isEqualTo("LI-police:CR-1");
        assertThat(three.feeds()).containsExactly("ae", "ambulance", "police");
        assertThat(three.responseCategory()).isEqualTo(1);
        assertThat(three.penetrating()).isTrue();
        assertThat(three.eventTime()).as("the police time").isEqualTo(T.plusSeconds(300).toEpochMilli());
        assertThat(three.healthOnly()).isFalse();
        LinkedIncident left = out.get(3);
        assertThat(left.revision()).isEqualTo(4);
        assertThat(left.healthOnly()).as("police withdrew: health services alone know of it").isTrue();
        assertThat(left.sources()).extracting(s -> s.feed()).containsExactly("ambulance", "ae");
        assertThat(counter("ember.fusion.late", "stage", "linkage")).as("the attendance and the cancellation").isEqualTo(2);
        assertThat(counter("ember.fusion.corrections", "kind", "cancelled")).isEqualTo(1);

        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(T.plus(LinkageSettings.defaults().retention()).plus(Duration.ofHours(2)).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    /**
     * A block restored from a checkpoint taken before the filled-bucket index holds reports without
     * it: the index is rebuilt from the bucket keys, so an expiry pass never jumps past the old reports.
     */
    @Test
    void stateWithoutTheFilledBucketIndexStillEmptiesAfterRetention() throws Exception {
        Incident old = report("police", "CR-OLD", 1, false, T, false, null, "police: Violence without injury");
        send(old);
        var filled = new org.apache.flink.api.common.state.ValueStateDescriptor<>("linkage-filled-buckets",
                org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        for (String block : LinkageRoute.blocks(settings).route(Reports.of(old))) {
            harness.getOperator().setCurrentKey(block);
            harness.getOperator().getKeyedStateBackend().getPartitionedState(
                    org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                    org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, filled).clear();
        }
        long threeHoursOn = T.plus(Duration.ofHours(3)).toEpochMilli();
        send(report("police", "CR-NEW", 1, false, T.plus(Duration.ofHours(3)), false, null, "police: Violence"));
        // A late report due an hour before the old one: its pass must not move the cursor past the old one.
        send(report("police", "CR-LATE", 1, false, T.minus(Duration.ofHours(1)), false, null, "police: Violence"),
                threeHoursOn + 1);
        harness.processWatermark(T.plus(LinkageSettings.defaults().retention()).plus(Duration.ofHours(5)).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }
}
