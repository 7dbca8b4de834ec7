package org.ember.jobs.fusion;

import org.ember.fusion.AreaDelivery;
import org.ember.fusion.FusionFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.jobs.JobSettings;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ember.fusion.FusionSignal;

class AreaFusionFunctionHarnessTest {
    private static final Instant T = FusionFixtures.FRIDAY_22H;
    private final Placement centre = FusionFixtures.cardiffCentre();
    private final JobSettings job = TestFeeds.settings(TestFeeds.weaponRule(2)).withFusion(FusionSettings.defaults());
    private AreaFusionFunction function;
    private KeyedTwoInputStreamOperatorTestHarness<String, AreaDelivery, FusionSignal, HotspotUpdate> harness;

    @BeforeEach
    void open() throws Exception {
        function = new AreaFusionFunction(job, 2);
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(function),
                AreaDelivery::lad, FusionSignal::targetLad, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        assertThat(function.scanPool().isClosed()).isTrue();
    }

    @Test
    void everythingItKeepsAndEveryTimerIsGoneOnceTheWindowsHaveClosed() throws Exception {
        for (int i = 0; i < 5; i++) {
            LinkedIncident assault = FusionFixtures.assault("LI-" + i, T.plus(Duration.ofMinutes(7 * i)), centre);
            harness.processElement1(AreaDelivery.own(assault), assault.eventTime());
        }
        LinkedIncident stabbing = FusionFixtures.stabbing("LI-stab", T.plus(Duration.ofMinutes(40)), centre);
        harness.processElement1(AreaDelivery.own(stabbing), stabbing.eventTime());
        for (FusionSignal s : RiskFanout.signals(stabbing, job.fusion().risk(), FusionFixtures.SHAPES)) {
            harness.processElement2(s, stabbing.eventTime());
        }
        harness.processElement2(FusionFixtures.intel("IR-1", T.plus(Duration.ofMinutes(50)), centre, 0.7),
                T.plus(Duration.ofMinutes(50)).toEpochMilli());
        harness.processBothWatermarks(new Watermark(T.plus(Duration.ofHours(2)).toEpochMilli()));

        assertThat(harness.extractOutputValues()).extracting(HotspotUpdate::type)
                .contains(HotspotUpdate.CLUSTER_CHANGED, HotspotUpdate.CELL_SCORED, HotspotUpdate.AREA_SCORED);
        assertThat(harness.getSideOutput(AreaFusionFunction.TENSION)).isNotEmpty();
        assertThat(harness.getSideOutput(AreaFusionFunction.METRICS)).isNotEmpty();
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();
        assertThat(function.cachedAuthorities()).isEqualTo(1);

        // Retention (28 days) then the seasonal history's idle time (35 days) pass.
        harness.processBothWatermarks(new Watermark(T.plus(Duration.ofDays(36)).toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
        assertThat(function.cachedAuthorities()).isZero();
        // The daily scans of those days ran their replications on the task's own pool, never the common one.
        assertThat(function.scanPool().threadsUsed()).isNotEmpty().allMatch(n -> n.startsWith("ember-scan-0-"));
        List<HotspotUpdate> out = harness.extractOutputValues();
        assertThat(out).extracting(HotspotUpdate::type)
                .contains(HotspotUpdate.CELL_CLEARED, HotspotUpdate.AREA_CLEARED, HotspotUpdate.CLUSTER_CLEARED);
    }

    @Test
    void aBoundedReplayStopsTickingAtItsHorizonInsteadOfDrainingTheRetention() throws Exception {
        long horizon = T.plus(Duration.ofHours(3)).toEpochMilli();
        AreaFusionFunction bounded = new AreaFusionFunction(job, 1, horizon);
        try (var replay = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(bounded),
                AreaDelivery::lad, FusionSignal::targetLad, Types.STRING)) {
            replay.open();
            for (int i = 0; i < 5; i++) {
                LinkedIncident assault = FusionFixtures.assault("LI-" + i, T.plus(Duration.ofMinutes(7 * i)), centre);
                replay.processElement1(AreaDelivery.own(assault), assault.eventTime());
            }
            replay.processBothWatermarks(new Watermark(Long.MAX_VALUE)); // the end of input

            assertThat(replay.numEventTimeTimers()).isZero();
            assertThat(bounded.waitingArrivals()).as("nothing waits in task memory").isZero();
            List<HotspotUpdate> out = replay.extractOutputValues();
            assertThat(out).isNotEmpty().allMatch(u -> u.asOf() <= horizon);
        }
    }

    @Test
    void signalsAndIncidentsArrivingTogetherGiveTheSameOutputWhicheverChannelDeliversFirst() throws Exception {
        long arrival = T.plus(Duration.ofMinutes(55)).toEpochMilli();
        LinkedIncident stabbing = FusionFixtures.stabbing("LI-stab", T.plus(Duration.ofMinutes(40)), centre);
        List<FusionSignal> signals = new java.util.ArrayList<>(
                RiskFanout.signals(stabbing, job.fusion().risk(), FusionFixtures.SHAPES));
        signals.add(FusionFixtures.intel("IR-1", T.plus(Duration.ofMinutes(50)), centre, 0.7));
        signals.add(FusionFixtures.intel("IR-2", T.plus(Duration.ofMinutes(45)), centre, 1.0));
        List<List<String>> runs = new java.util.ArrayList<>();
        for (boolean signalsFirst : new boolean[] {false, true}) {
            AreaFusionFunction f = new AreaFusionFunction(job, 1, T.plus(Duration.ofHours(3)).toEpochMilli());
            try (var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(f),
                    AreaDelivery::lad, FusionSignal::targetLad, Types.STRING)) {
                h.open();
                for (int i = 0; i < 4; i++) {
                    LinkedIncident assault = FusionFixtures.assault("LI-" + i, T.plus(Duration.ofMinutes(7 * i)), centre);
                    h.processElement1(AreaDelivery.own(assault), assault.eventTime());
                }
                List<FusionSignal> ordered = new java.util.ArrayList<>(signals);
                if (signalsFirst) {
                    java.util.Collections.reverse(ordered);
                    for (FusionSignal s : ordered) {
                        h.processElement2(s, arrival);
                    }
                    h.processElement1(AreaDelivery.own(stabbing), arrival);
                } else {
                    h.processElement1(AreaDelivery.own(stabbing), arrival);
                    for (FusionSignal s : ordered) {
                        h.processElement2(s, arrival);
                    }
                }
                h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
                List<String> out = new java.util.ArrayList<>();
                h.extractOutputValues().forEach(u -> out.add(u.toString()));
                h.getSideOutput(AreaFusionFunction.METRICS).forEach(r -> out.add(r.getValue().toString()));
                h.getSideOutput(AreaFusionFunction.TENSION).forEach(r -> out.add(r.getValue().toString()));
                runs.add(out);
                assertThat(h.numEventTimeTimers()).isZero();
                assertThat(f.waitingArrivals()).as("nothing waits in task memory").isZero();
            }
        }
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }
}
