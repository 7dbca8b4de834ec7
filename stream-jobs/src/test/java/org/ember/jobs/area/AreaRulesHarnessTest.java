package org.ember.jobs.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.ember.jobs.records.CountDelta;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link AreaCountsRulesFunction}, as the separate rule stage's harness test had them. Most
 * tests feed metric updates straight in (the input another stage's updates take): the rule path is the
 * same whatever the metric; count changes come in as the count stage's would ({@link CountDelta}).
 */
class AreaRulesHarnessTest {
    private static final long H = 3_600_000L;
    private static final long FRIDAY_23H = Instant.parse("2025-03-14T23:00:00Z").toEpochMilli();
    private static final String BUTETOWN = "W01001694";
    private static final String WEAPONS = "count{window=24h,feed=any,category=weapon}";
    private static final String VIOLENCE = "count{window=24h,feed=any,category=violence}";
    private static final String RULES = """
            groups:
              - name: test
                rules:
                  - name: weapons
                    areas: {layer: lsoa}
                    when: count{window=24h,feed=any,category=weapon} >= 2
                    for: 1h
                    keep_firing_for: 2h
                    severity: critical
            """;

    /** The rules with "weapons" replaced by a rule that fires at once on three violent incidents. */
    private static final String VIOLENCE_NOW = RULES.replace("name: weapons", "name: violence-now").replace(
            "count{window=24h,feed=any,category=weapon} >= 2", "count{window=24h,feed=any,category=violence} >= 3")
            .replace("for: 1h", "for: 0s");

    private KeyedBroadcastOperatorTestHarness<String, Either<CountDelta, AreaMetrics>, RawFeedRecord, Alert> harness;
    private AreaCountsRulesFunction function;
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    private void open(RuleSet rules) throws Exception {
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        function = new AreaCountsRulesFunction(TestFeeds.settings(rules));
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function, AreaInputs::key, Types.STRING,
                AreaCountsRulesFunction.RULES_IN_FORCE);
        harness.open();
        // The snapshot side never holds back event time (in the job it is idle; a finished bounded source
        // ends with the maximal watermark, as here).
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
        io.micrometer.core.instrument.Metrics.removeRegistry(meters);
    }

    /** A new instance of the function, with {@code rules} as the job's own, restored from {@code snapshot}. */
    private void restore(RuleSet rules, org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot)
            throws Exception {
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        function = new AreaCountsRulesFunction(TestFeeds.settings(rules));
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator<>(function,
                        List.of(AreaCountsRulesFunction.RULES_IN_FORCE)),
                AreaInputs::key, Types.STRING, 1, 1, 0);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    /** A weapon report of {@code record} in the hour of FRIDAY_23H, added (+1) or taken back (-1). */
    private static CountDelta weaponReport(int delta, String record, long appendedAt) {
        return new CountDelta("lsoa", BUTETOWN, FRIDAY_23H, "police", "violence", true, delta, appendedAt, record);
    }

    /** An update, and event time moving on to it. */
    private void metrics(long at, Map<String, Double> values) throws Exception {
        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, at, "counts", values)), at);
        harness.processWatermark(at);
    }

    private void push(long version, String yaml) throws Exception {
        RuleSnapshot snapshot = RuleSnapshot.of(version, List.of(new SourceFile("rules.yaml", yaml)),
                Instant.parse("2025-03-15T09:00:00Z"), "test");
        harness.processBroadcastElement(new RawFeedRecord(Topics.RULES, 0, version, 0, snapshot.toBytes()), 0);
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    private List<RuleEvent> ruleEvents() {
        return harness.getSideOutput(AreaCountsRulesFunction.RULE_EVENTS).stream().map(StreamRecord::getValue).toList();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void anAlertGoesPendingFiringResolvedInEventTimeAndLeavesNoStateNorTimers() throws Exception {
        open(TestFeeds.rules(RULES));
        metrics(FRIDAY_23H, Map.of(WEAPONS, 2.0, VIOLENCE, 4.0));
        assertThat(alerts()).as("pending is not published").isEmpty();
        assertThat(harness.numEventTimeTimers()).as("end of 'for' and metric expiry").isEqualTo(2);

        harness.processWatermark(FRIDAY_23H + H);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(Alert.FIRING);
            assertThat(a.eventTime()).isEqualTo(FRIDAY_23H + H);
            assertThat(a.areaName()).isEqualTo("Cardiff 036A");
            assertThat(a.lad()).isEqualTo("W06000015");
        });

        metrics(FRIDAY_23H + 3 * H, Map.of(WEAPONS, 0.0, VIOLENCE, 0.0));
        assertThat(alerts()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).as("only the end of keep_firing_for").isEqualTo(1);

        harness.processWatermark(FRIDAY_23H + 5 * H);
        assertThat(alerts()).extracting(Alert::state).containsExactly(Alert.FIRING, Alert.RESOLVED);
        assertThat(alerts().get(1).eventTime()).isEqualTo(FRIDAY_23H + 5 * H);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void anUpdateIsEvaluatedWhenTheClockPassesItsArrivalAndALateOneAtOnceAtTheClock() throws Exception {
        open(TestFeeds.rules(RULES.replace("for: 1h", "for: 0s").replace("keep_firing_for: 2h", "keep_firing_for: 0s")));
        long t = FRIDAY_23H + 2 * H;
        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, t, "fusion", Map.of("tension_score", 1.0))), t);
        long appended = System.currentTimeMillis() - 40;
        long before = System.currentTimeMillis();
        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, t, "counts", Map.of(WEAPONS, 2.0), appended)),
                t + 600_000);
        assertThat(alerts()).as("applied once the clock passes the arrival").isEmpty();
        harness.processWatermark(t + 600_000);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(Alert.FIRING);
            assertThat(a.eventTime()).as("the arrival clock").isEqualTo(t + 600_000);
            assertThat(a.recordAppendedAt()).as("the tipping record's Kafka time travels with the alert").isEqualTo(appended);
            assertThat(a.processedAt()).isBetween(before, System.currentTimeMillis());
        });
        assertThat(meters.timer("ember.alert.latency").count()).isEqualTo(1);
        assertThat(meters.timer("ember.alert.latency").max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(40);

        // An update stamped behind the clock (late by arrival) goes at once, at the clock, and is counted.
        double lateBefore = meters.counter("ember.records.late_by_arrival", "stage", "area-counts-rules").count();
        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, FRIDAY_23H, "counts", Map.of(WEAPONS, 0.0))), FRIDAY_23H);
        assertThat(alerts()).extracting(Alert::state, Alert::eventTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.FIRING, t + 600_000),
                org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, t + 600_000));
        assertThat(meters.counter("ember.records.late_by_arrival", "stage", "area-counts-rules").count() - lateBefore)
                .isEqualTo(1);

        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, t + H, "fusion", Map.of("tension_score", 0.0))), t + H);
        harness.processWatermark(t + H);
        assertThat(harness.numEventTimeTimers()).as("nothing left to wait for").isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void countAndFusionUpdatesOfOneTimeGiveTheSameAlertsWhicheverChannelDeliversFirst() throws Exception {
        String rules = RULES.replace("for: 1h", "for: 0s") + """
                  - name: tense-and-armed
                    areas: {layer: lsoa}
                    when:
                      all:
                        - tension_score > 0.5
                        - count{window=24h,feed=any,category=weapon} >= 1
                    severity: warning
            """;
        List<List<Alert>> runs = new java.util.ArrayList<>();
        for (boolean countsFirst : new boolean[] {true, false}) {
            open(TestFeeds.rules(rules));
            // Two weapon reports, then the second corrected out (its -1 after its +1: one record, one channel).
            Either<CountDelta, AreaMetrics> a = Either.Left(weaponReport(+1, "police:A", 7L));
            Either<CountDelta, AreaMetrics> b = Either.Left(weaponReport(+1, "police:B", 8L));
            Either<CountDelta, AreaMetrics> bOut = Either.Left(weaponReport(-1, "police:B", 9L));
            Either<CountDelta, AreaMetrics> fusion = Either.Right(
                    new AreaMetrics("lsoa", BUTETOWN, FRIDAY_23H, "fusion", Map.of("tension_score", 0.9), 10L));
            for (Either<CountDelta, AreaMetrics> input : countsFirst ? List.of(a, b, bOut, fusion) : List.of(fusion, b, a, bOut)) {
                harness.processElement(input, FRIDAY_23H);
            }
            harness.processWatermark(FRIDAY_23H);
            harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, FRIDAY_23H + H, "fusion",
                    Map.of("tension_score", 0.0))), FRIDAY_23H + H);
            harness.processWatermark(FRIDAY_23H + 9 * 24 * H);
            runs.add(alerts().stream().map(a2 -> a2.stamped(0L, a2.recordAppendedAt())).toList());
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
            assertThat(keyedStateEntries()).isZero();
            close();
            harness = null;
        }
        assertThat(runs.get(0)).extracting(Alert::rule, Alert::state).as("counts first, then fusion, at one time")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("weapons", Alert.FIRING),
                        org.assertj.core.groups.Tuple.tuple("tense-and-armed", Alert.FIRING),
                        org.assertj.core.groups.Tuple.tuple("tense-and-armed", Alert.RESOLVED),
                        org.assertj.core.groups.Tuple.tuple("weapons", Alert.RESOLVED));
        assertThat(runs.get(0)).isNotEmpty();
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void aPushedRuleSetReplacesTheRulesAnInvalidOneIsRejectedAndAnOldOneIgnored() throws Exception {
        open(TestFeeds.rules(RULES));
        push(1, VIOLENCE_NOW);
        assertThat(ruleEvents()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(RuleEvent.ACCEPTED);
            assertThat(e.version()).isEqualTo(1);
        });
        metrics(FRIDAY_23H, Map.of(VIOLENCE, 3.0));
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.rule()).isEqualTo("violence-now"));

        push(2, RULES.replace("severity: critical", "severity: loud"));
        push(1, RULES);
        assertThat(ruleEvents()).extracting(RuleEvent::outcome)
                .containsExactly(RuleEvent.ACCEPTED, RuleEvent.REJECTED, RuleEvent.IGNORED);
        assertThat(ruleEvents().get(1).problems()).singleElement().asString()
                .startsWith("rules.yaml:9:19:").contains("'severity' is 'loud'");
        assertThat(ruleEvents().get(1).inForce()).isEqualTo(1);

        metrics(FRIDAY_23H + H, Map.of(VIOLENCE, 0.0));
        harness.processWatermark(FRIDAY_23H + 3 * H);
        assertThat(alerts()).as("version 1 still in force: its alert resolves by its own condition and keep_firing_for")
                .extracting(Alert::rule, Alert::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("violence-now", Alert.FIRING),
                        org.assertj.core.groups.Tuple.tuple("violence-now", Alert.RESOLVED));
    }

    @Test
    void aReloadKeepsAlertsOfUntouchedRulesAndResolvesThoseOfEditedOnes() throws Exception {
        String two = RULES.replace("for: 1h", "for: 0s") + """
                  - name: violence
                    areas: {layer: lsoa}
                    when: count{window=24h,feed=any,category=violence} >= 3
                    severity: warning
            """;
        open(TestFeeds.rules(two));
        metrics(FRIDAY_23H, Map.of(WEAPONS, 2.0, VIOLENCE, 4.0));
        assertThat(alerts()).extracting(Alert::rule).containsExactlyInAnyOrder("weapons", "violence");

        push(1, two.replace(">= 3", ">= 4"));
        assertThat(alerts()).hasSize(3);
        assertThat(alerts().get(2)).satisfies(a -> {
            assertThat(a.rule()).isEqualTo("violence");
            assertThat(a.state()).isEqualTo(Alert.RESOLVED);
            assertThat(a.annotations()).containsKey("resolved_reason");
        });

        metrics(FRIDAY_23H + H, Map.of(VIOLENCE, 5.0));
        assertThat(alerts()).as("the untouched rule fires on, the edited one starts a new episode").hasSize(4);
        Alert restarted = alerts().get(3);
        assertThat(restarted.rule()).isEqualTo("violence");
        assertThat(restarted.state()).isEqualTo(Alert.FIRING);
        assertThat(restarted.fingerprint()).isNotEqualTo(alerts().get(0).fingerprint()).isNotEqualTo(alerts().get(1).fingerprint());
    }

    @Test
    void anUpdateWaitingAtACheckpointIsEvaluatedAfterTheRestoreWithThePushedRules() throws Exception {
        open(TestFeeds.rules(RULES));
        push(1, VIOLENCE_NOW);
        harness.processElement(Either.Right(new AreaMetrics("lsoa", BUTETOWN, FRIDAY_23H, "counts", Map.of(VIOLENCE, 3.0))),
                FRIDAY_23H);
        assertThat(function.waitingArrivals()).as("waits for the clock").isEqualTo(1);
        var snapshot = harness.snapshot(1, FRIDAY_23H);
        close();

        // Restarted with the job's own rules (no violence-now): the restored snapshot is in force, and
        // the restored update is applied when the clock passes its arrival.
        restore(TestFeeds.rules(RULES), snapshot);
        assertThat(function.waitingArrivals()).as("restored into task memory").isEqualTo(1);
        harness.processWatermark(FRIDAY_23H);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("violence-now");
            assertThat(a.state()).isEqualTo(Alert.FIRING);
            assertThat(a.eventTime()).isEqualTo(FRIDAY_23H);
        });
        assertThat(function.waitingArrivals()).isZero();
    }
}
