package org.ember.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.rules.testing.TestAreas.CATHAYS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.rules.Rule;
import org.ember.rules.RuleSet;
import org.ember.rules.testing.TestAreas;
import org.ember.rules.testing.Yaml;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
    private static final long H = 3_600_000L;
    private static final long FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z").toEpochMilli();
    private static final String WEAPONS = "count{window=24h,feed=any,category=weapon}";

    private static RuleSet rule(String timing) {
        return Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: weapons
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 3
                        %s
                        severity: critical
                        labels: {team: knife-crime}
                        annotations: {summary: "{{ .value }} weapon reports in {{ .area_name }} ({{ .lad_name }})"}
                """.formatted(timing));
    }

    /** Feeds one area's values through the evaluator, like the job does, collecting what is published. */
    private static final class Area {
        final RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
        final RuleSet rules;
        AreaState state = AreaState.EMPTY;
        final List<Alert> published = new ArrayList<>();

        Area(RuleSet rules) {
            this.rules = rules;
        }

        Area weapons(long at, double value) {
            return update(at, Map.of(WEAPONS, value));
        }

        Area update(long at, Map<String, Double> values) {
            RuleEvaluator.Step step = evaluator.update(rules, "lsoa", CATHAYS, state, at, values);
            state = step.state();
            published.addAll(step.transitions());
            return this;
        }

        Area timer(long at) {
            RuleEvaluator.Step step = evaluator.advance(rules, "lsoa", CATHAYS, state, at);
            state = step.state();
            published.addAll(step.transitions());
            return this;
        }
    }

    @Test
    void withoutForAnAlertFiresAtOnceAndResolvesWhenTheConditionStops() {
        Area area = new Area(rule("for: 0s")).weapons(FRIDAY_22H, 3).weapons(FRIDAY_22H + H, 4).weapons(FRIDAY_22H + 24 * H, 1);
        assertThat(area.published).extracting(Alert::state, Alert::eventTime, Alert::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.FIRING, FRIDAY_22H, 3.0),
                        org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, FRIDAY_22H + 24 * H, 1.0));
        Alert firing = area.published.get(0);
        assertThat(firing.fingerprint()).isEqualTo(area.published.get(1).fingerprint());
        assertThat(firing.summary()).isEqualTo("3 weapon reports in Cardiff 032A (Cardiff)");
        assertThat(firing.labels()).containsEntry("alertname", "weapons").containsEntry("severity", "critical")
                .containsEntry("area", CATHAYS).containsEntry("lad", TestAreas.CARDIFF).containsEntry("team", "knife-crime");
        assertThat(area.published.get(1).summary()).startsWith("Resolved after 24 h: 1 weapon reports");
    }

    @Test
    void forKeepsTheAlertPendingAndFiresAtExactlyTheEndOfForEvenWhenNoUpdateComesThen() {
        Area area = new Area(rule("for: 2h")).weapons(FRIDAY_22H, 3);
        assertThat(area.published).isEmpty();
        assertThat(area.state.rules().values()).singleElement().satisfies(s -> assertThat(s.isPending()).isTrue());
        assertThat(area.evaluator.deadlines(area.rules, area.state)).contains(FRIDAY_22H + 2 * H);

        area.weapons(FRIDAY_22H + 5 * H, 4);
        assertThat(area.published).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(Alert.FIRING);
            assertThat(a.eventTime()).as("fired when for ended, not at the later update").isEqualTo(FRIDAY_22H + 2 * H);
            assertThat(a.episodeStart()).isEqualTo(FRIDAY_22H);
            assertThat(a.value()).as("the value that held then").isEqualTo(3);
        });
    }

    @Test
    void aConditionThatStopsBeforeForEndsNeverFires() {
        Area area = new Area(rule("for: 2h")).weapons(FRIDAY_22H, 3).weapons(FRIDAY_22H + H, 2).timer(FRIDAY_22H + 2 * H);
        assertThat(area.published).isEmpty();
        assertThat(area.state.rules()).isEmpty();
    }

    @Test
    void keepFiringForHoldsTheAlertAndIsCancelledIfTheConditionReturns() {
        Area area = new Area(rule("keep_firing_for: 6h"))
                .weapons(FRIDAY_22H, 3)
                .weapons(FRIDAY_22H + 2 * H, 2)
                .weapons(FRIDAY_22H + 4 * H, 3)
                .weapons(FRIDAY_22H + 5 * H, 0);
        assertThat(area.published).extracting(Alert::state).containsExactly(Alert.FIRING);
        area.timer(FRIDAY_22H + 11 * H - 1);
        assertThat(area.published).hasSize(1);
        area.timer(FRIDAY_22H + 11 * H);
        assertThat(area.published).extracting(Alert::state, Alert::eventTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.FIRING, FRIDAY_22H),
                org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, FRIDAY_22H + 11 * H));
        assertThat(area.state.isEmpty()).as("nothing is kept once values are zero and the alert resolved").isTrue();
    }

    @Test
    void aResolveConditionGivesHysteresis() {
        Area area = new Area(rule("resolve: count{window=24h,feed=any,category=weapon} < 2"))
                .weapons(FRIDAY_22H, 3)
                .weapons(FRIDAY_22H + H, 2)
                .weapons(FRIDAY_22H + 2 * H, 3)
                .weapons(FRIDAY_22H + 3 * H, 2);
        assertThat(area.published).as("2 is in the band: neither fire again nor resolve").extracting(Alert::state)
                .containsExactly(Alert.FIRING);
        area.weapons(FRIDAY_22H + 4 * H, 1);
        assertThat(area.published).extracting(Alert::state).containsExactly(Alert.FIRING, Alert.RESOLVED);
    }

    @Test
    void aNewEpisodeHasANewFingerprintAndTheSameEpisodeAlwaysTheSame() {
        Area first = new Area(rule("for: 0s")).weapons(FRIDAY_22H, 3).weapons(FRIDAY_22H + H, 0).weapons(FRIDAY_22H + 2 * H, 3);
        Area replay = new Area(rule("for: 0s")).weapons(FRIDAY_22H, 3).weapons(FRIDAY_22H + H, 0).weapons(FRIDAY_22H + 2 * H, 3);
        assertThat(first.published).extracting(Alert::fingerprint).containsExactlyElementsOf(
                replay.published.stream().map(Alert::fingerprint).toList());
        assertThat(first.published.get(0).fingerprint()).isNotEqualTo(first.published.get(2).fingerprint());
    }

    @Test
    void staleMetricsExpireAndTheAlertResolvesAtTheExpiry() {
        Area area = new Area(rule("for: 0s")).weapons(FRIDAY_22H, 3);
        long expiry = RuleEvaluator.expiry(FRIDAY_22H);
        assertThat(expiry).as("8 days on, to the next midnight").isEqualTo(Instant.parse("2025-03-23T00:00:00Z").toEpochMilli());
        assertThat(area.evaluator.deadlines(area.rules, area.state)).containsExactly(expiry);
        area.timer(expiry);
        assertThat(area.published).extracting(Alert::state, Alert::eventTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.FIRING, FRIDAY_22H),
                org.assertj.core.groups.Tuple.tuple(Alert.RESOLVED, expiry));
        assertThat(area.state).isEqualTo(AreaState.EMPTY);
    }

    @Test
    void dueByAgreesWithTheFirstDeadlineOnRandomHistories() {
        RuleSet rules = Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: pending
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 3
                        for: 2h
                        severity: warning
                        annotations: {summary: "p"}
                      - name: lingering
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        keep_firing_for: 3h
                        severity: critical
                        annotations: {summary: "l"}
                      - name: plain
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 4
                        severity: critical
                        annotations: {summary: "q"}
                """);
        java.util.Random random = new java.util.Random(3);
        for (int run = 0; run < 40; run++) {
            Area area = new Area(rules);
            long t = FRIDAY_22H;
            for (int step = 0; step < 60; step++) {
                t += random.nextInt(4) == 0 ? random.nextInt(10) * 24 * H : random.nextInt(4 * (int) H);
                if (random.nextInt(4) == 0) {
                    area.timer(t);
                } else {
                    area.weapons(t, random.nextInt(6));
                }
                java.util.SortedSet<Long> deadlines = area.evaluator.deadlines(rules, area.state);
                List<Long> probes = new ArrayList<>(List.of(t, t - 1, t + H, t + 100 * 24 * H, Long.MIN_VALUE));
                for (long d : deadlines) {
                    probes.addAll(List.of(d - 1, d, d + 1));
                }
                for (long probe : probes) {
                    assertThat(area.evaluator.dueBy(rules, area.state, probe)).as("at %d", probe)
                            .isEqualTo(!deadlines.isEmpty() && deadlines.first() <= probe);
                }
            }
        }
        // A state key no rule has (a rule removed by a reload) has no deadline.
        AreaState orphan = new AreaState(Map.of(), Map.of("gone", RuleState.pending(0)), 0, Long.MIN_VALUE);
        RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
        assertThat(evaluator.deadlines(rules, orphan)).isEmpty();
        assertThat(evaluator.dueBy(rules, orphan, Long.MAX_VALUE)).isFalse();
    }

    /**
     * {@code dueBy} skips the rule look-up for firing states and for phases that began after the
     * probe: against the first of {@code deadlines} on random states, start times near the ends of
     * {@code long} (where start + wait overflows) and rule sets with negative or huge waits included.
     */
    @Test
    void dueBySkipsOnlyWhatCannotBeDue() {
        java.util.Random random = new java.util.Random(11);
        String[] waits = {"0s", "1s", "2h", "3d"};
        for (int run = 0; run < 300; run++) {
            String forWait = waits[random.nextInt(waits.length)];
            String keepWait = waits[random.nextInt(waits.length)];
            RuleSet rules = Yaml.rules("""
                    groups:
                      - name: g
                        rules:
                          - name: a
                            areas: {layer: lsoa}
                            when: count{window=24h,feed=any,category=weapon} >= 3
                            for: %s
                            keep_firing_for: %s
                            severity: warning
                            annotations: {summary: "a"}
                          - name: b
                            areas: {layer: lsoa}
                            when: count{window=24h,feed=any,category=weapon} >= 2
                            keep_firing_for: %s
                            severity: critical
                            annotations: {summary: "b"}
                    """.formatted(forWait, keepWait, waits[random.nextInt(waits.length)]));
            if (random.nextInt(4) == 0) {
                // Waits no YAML file would give: negative, or so long that start + wait overflows.
                long odd = random.nextBoolean() ? -5 * H : Long.MAX_VALUE - random.nextInt(3);
                Rule first = rules.rules().get(0);
                Rule changed = new Rule(first.name(), first.group(), first.areas(), first.when(), first.resolve(),
                        odd, first.keepFiringForMillis(), first.severity(), first.labels(), first.annotations(),
                        first.cap(), first.stateKey());
                rules = new RuleSet(rules.version(), rules.contentHash(), List.of(changed, rules.rules().get(1)));
            }
            Map<String, RuleState> states = new java.util.HashMap<>();
            long[] starts = {FRIDAY_22H, FRIDAY_22H + H, 0, Long.MIN_VALUE + 1, Long.MAX_VALUE - H, Long.MAX_VALUE / 2};
            for (Rule rule : rules.rules()) {
                long since = starts[random.nextInt(starts.length)];
                long other = starts[random.nextInt(starts.length)];
                switch (random.nextInt(4)) {
                    case 0 -> states.put(rule.stateKey(), RuleState.pending(since));
                    case 1 -> states.put(rule.stateKey(), new RuleState(RuleState.FIRING, since, since, 0));
                    case 2 -> states.put(rule.stateKey(), new RuleState(RuleState.RESOLVING, since, since, other));
                    default -> { }
                }
            }
            if (random.nextBoolean()) {
                states.put("gone", RuleState.pending(FRIDAY_22H));
            }
            AreaState state = new AreaState(Map.of(), states, FRIDAY_22H, Long.MIN_VALUE);
            RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
            java.util.SortedSet<Long> deadlines = evaluator.deadlines(rules, state);
            List<Long> probes = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MAX_VALUE, FRIDAY_22H, 0L));
            for (long start : starts) {
                probes.addAll(List.of(start - 1, start, start + 1));
            }
            for (long d : deadlines) {
                probes.addAll(List.of(d - 1, d, d + 1));
            }
            for (long probe : probes) {
                assertThat(evaluator.dueBy(rules, state, probe)).as("run %d at %d", run, probe)
                        .isEqualTo(!deadlines.isEmpty() && deadlines.first() <= probe);
            }
        }
    }

    /**
     * Rule states are copied only when one changes: an update that changes none hands the stored map
     * on as the same instance (so {@code sameDeadlines} holds), and deadlines that tie still apply in
     * the order of the hash-map copy the evaluator always iterated.
     */
    @Test
    void unchangedRuleStatesAreHandedOnAndTiesKeepTheCopysOrder() {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: g\n    rules:\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("""
                          - name: r%d
                            areas: {layer: lsoa}
                            when: count{window=24h,feed=any,category=weapon} >= %d
                            for: 2h
                            severity: warning
                            annotations: {summary: "r%d"}
                    """.formatted(i, 1 + i % 3, i));
        }
        RuleSet rules = Yaml.rules(yaml.toString());
        Area area = new Area(rules).weapons(FRIDAY_22H, 5);
        AreaState pending = area.state;
        assertThat(pending.rules()).hasSize(12);
        // Another value that keeps every rule pending: same rule map, same deadlines (same expiry day).
        area.weapons(FRIDAY_22H + 1, 4);
        assertThat(area.state.rules()).isSameAs(pending.rules());
        assertThat(RuleEvaluator.sameDeadlines(pending, area.state)).isTrue();
        assertThat(area.evaluator.deadlines(rules, area.state)).isEqualTo(area.evaluator.deadlines(rules, pending));
        // All twelve deadlines tie at +2h: they fire in the order a HashMap copy of the states iterates.
        List<String> copyOrder = new ArrayList<>(new java.util.HashMap<>(area.state.rules()).keySet());
        area.timer(FRIDAY_22H + 2 * H);
        List<String> fired = area.published.stream().map(Alert::rule).toList();
        Map<String, String> nameByKey = new java.util.HashMap<>();
        rules.rules().forEach(r -> nameByKey.put(r.stateKey(), r.name()));
        assertThat(fired).containsExactlyElementsOf(copyOrder.stream().map(nameByKey::get).toList());
        assertThat(RuleEvaluator.sameDeadlines(pending, area.state)).isFalse();
        // A changed expiry alone makes them differ.
        AreaState later = new AreaState(pending.metrics(), pending.rules(), pending.lastTime(), pending.lastUpdate() + 9 * 24 * H);
        assertThat(RuleEvaluator.sameDeadlines(pending, later)).isFalse();
    }

    @Test
    void timeNeverRunsBackwardsForAnArea() {
        Area area = new Area(rule("for: 0s")).weapons(FRIDAY_22H, 3).weapons(FRIDAY_22H - 5 * H, 0);
        assertThat(area.published.get(1).eventTime()).isEqualTo(FRIDAY_22H);
    }

    @Test
    void aReloadKeepsTheStateOfAnUntouchedRuleAndResolvesAnEditedOne() {
        RuleSet before = rule("for: 0s");
        Area area = new Area(before).weapons(FRIDAY_22H, 3);
        RuleSet reworded = Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: weapons
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 3
                        for: 0s
                        severity: critical
                        labels: {team: knife-crime}
                        annotations: {summary: "new wording"}
                """).withVersion(2);
        area.evaluator.remember(before);
        RuleEvaluator.Step kept = area.evaluator.retire(reworded, "lsoa", CATHAYS, area.state, FRIDAY_22H + H);
        assertThat(kept.transitions()).isEmpty();
        assertThat(kept.state().rules()).isEqualTo(area.state.rules());

        RuleSet retuned = rule("for: 1h").withVersion(3);
        RuleEvaluator.Step retired = area.evaluator.retire(retuned, "lsoa", CATHAYS, area.state, FRIDAY_22H + H);
        assertThat(retired.transitions()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(Alert.RESOLVED);
            assertThat(a.rule()).isEqualTo("weapons");
            assertThat(a.annotations()).containsEntry("resolved_reason", RuleEvaluator.REASON_RULE_CHANGED);
        });
        assertThat(retired.state().rules()).isEmpty();
    }

    @Test
    void rulesOnlyWatchTheirOwnAreas() {
        RuleSet rules = Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: swansea-only
                        areas: {layer: lsoa, within: [W06000011]}
                        when: count{window=24h,feed=any,category=weapon} >= 1
                        severity: info
                """);
        Area cardiff = new Area(rules).weapons(FRIDAY_22H, 5);
        assertThat(cardiff.published).isEmpty();
        RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
        RuleEvaluator.Step swansea = evaluator.update(rules, "lsoa", TestAreas.CASTLE, AreaState.EMPTY, FRIDAY_22H,
                Map.of(WEAPONS, 1.0));
        assertThat(swansea.transitions()).singleElement().satisfies(a -> assertThat(a.lad()).isEqualTo(TestAreas.SWANSEA));
    }

    @Test
    void capFieldsAndTemplatesReachTheAnnotations() {
        RuleSet rules = Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: r
                        areas: {layer: lad}
                        when: count{window=7d,feed=police,category=weapon} > 2
                        for: 2h
                        severity: warning
                        annotations:
                          description: "{{ value \\"count{window=24h,feed=any,category=any}\\" }} today; for {{ .for }}, since {{ .since }}; why: [{{ .why }}]"
                        cap: {category: Security, urgency: Expected, certainty: Possible}
                """);
        RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
        AreaState state = evaluator.update(rules, "lad", TestAreas.CARDIFF, AreaState.EMPTY, FRIDAY_22H,
                Map.of("count{window=7d,feed=police,category=weapon}", 3.0, "count{window=24h,feed=any,category=any}", 12.0))
                .state();
        List<Alert> alerts = evaluator.advance(rules, "lad", TestAreas.CARDIFF, state, FRIDAY_22H + 2 * H).transitions();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.annotations()).containsEntry("description", "12 today; for 2h, since Fri 14 Mar 22:00; why: []")
                    .containsEntry("cap_category", "Security").containsEntry("cap_urgency", "Expected")
                    .containsEntry("cap_certainty", "Possible").containsEntry("summary", "r in Cardiff");
            assertThat(a.metric()).isEqualTo("count{window=7d,feed=police,category=weapon}");
            assertThat(a.threshold()).isEqualTo(2);
        });
    }

    @Test
    void anAlertReportsTheComparisonThatFiredIt() {
        RuleSet rules = Yaml.rules("""
                groups:
                  - name: g
                    rules:
                      - name: stabbing
                        areas: {layer: lsoa}
                        when: {any: ["count{window=24h,feed=ambulance,category=weapon} >= 1", "count{window=24h,feed=ae,category=weapon} >= 1"]}
                        severity: critical
                        annotations: {summary: "{{ .metric }} = {{ .value }}"}
                """);
        RuleEvaluator evaluator = new RuleEvaluator(new TestAreas());
        RuleEvaluator.Step fired = evaluator.update(rules, "lsoa", CATHAYS, AreaState.EMPTY, FRIDAY_22H,
                Map.of("count{window=24h,feed=ae,category=weapon}", 1.0));
        assertThat(fired.transitions()).singleElement().satisfies(a -> {
            assertThat(a.metric()).isEqualTo("count{window=24h,feed=ae,category=weapon}");
            assertThat(a.value()).isEqualTo(1);
            assertThat(a.summary()).isEqualTo("count{window=24h,feed=ae,category=weapon} = 1");
        });
        RuleEvaluator.Step resolved = evaluator.update(rules, "lsoa", CATHAYS, fired.state(), FRIDAY_22H + H,
                Map.of("count{window=24h,feed=ae,category=weapon}", 0.0));
        assertThat(resolved.transitions()).singleElement().satisfies(a ->
                assertThat(a.metric()).as("nothing holds: the first comparison").isEqualTo("count{window=24h,feed=ambulance,category=weapon}"));
    }
}
