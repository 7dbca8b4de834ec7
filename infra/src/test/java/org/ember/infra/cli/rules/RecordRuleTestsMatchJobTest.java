package org.ember.infra.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.deployment.Deployment;
import org.ember.geo.fusion.FusionCalendar;
import org.ember.geo.fusion.FusionSettings;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.unittest.ReceiverResolver;
import org.ember.rules.unittest.ReportInputs;
import org.ember.rules.unittest.RuleTestFile;
import org.ember.rules.unittest.RuleTestLoader;
import org.ember.rules.unittest.RuleTestRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partner records of the rule-test examples (and of the starter tests that give records) run
 * through the job itself
 * ({@link EmberJobRunner#runBounded}, every stage, fusion on): at every time a test checks, the
 * alerts firing in the job are exactly those firing in {@code ember rules test}'s replay, and the
 * test's own expectations hold. So what a rule test expects from records is what the job does.
 */
class RecordRuleTestsMatchJobTest {
    private static final Path ALERT_RULES = Path.of("../alert-rules").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/rule-tests/fusion-records.test.yaml",
        "src/test/resources/rule-tests/fusion-quiet.test.yaml", "tests/multi-agency.test.yaml",
        "src/test/resources/rule-tests/early-warning-records.test.yaml",
        "src/test/resources/rule-tests/boundary-records.test.yaml"})
    void theJobFiresWhatTheRuleTestReplayFires(String file) throws Exception {
        Deployment d = Deployment.load(Path.of("../deployments/south-wales-gwent/deployment.yaml").toAbsolutePath().normalize(),
                TestFeeds.dataDir(), Map.of());
        CatalogueAreas areas = DeploymentJobs.areas(d);
        RuleTestRunner runner = new RuleTestRunner(areas, areas, ReceiverResolver.NONE, new ReportInputs(areas.catalogue(),
                DeploymentJobs.CELL_SIZE_METRES, FusionSettings.defaults(), FusionCalendar.load(d.dataDir()).orElse(null)));
        RuleTestFile tests = new RuleTestLoader(areas).load(ALERT_RULES.resolve(file));
        RuleSet rules = new RuleFileLoader(areas).load(tests.ruleFiles());
        List<RuleTestFile.Case> withRecords = tests.tests().stream().filter(c -> !c.records().isEmpty()).toList();
        assertThat(withRecords).isNotEmpty();
        for (RuleTestFile.Case test : withRecords) {
            Map<Long, Set<String>> replay = new TreeMap<>();
            RuleTestRunner.Result result = runner.run(file, test, rules, (check, active) -> replay.put(check.at(),
                    keys(active.stream().filter(a -> Alert.FIRING.equals(a.state())).toList())));
            assertThat(result.passed()).as(String.join("\n", result.failures())).isTrue();

            JobSettings settings = DeploymentJobs.settings(d, Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY), rules,
                    Duration.ofSeconds(1), FusionSettings.defaults(), null).withForecast(null);
            long lastCheck = replay.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            EmberJobRunner.BoundedRun run = EmberJobRunner.runBounded(settings, input(test, lastCheck), 1, null, n -> { });
            // Only the clock record is refused: every partner record went in.
            assertThat(run.deadLetterReasons()).hasSize(1);
            for (Map.Entry<Long, Set<String>> check : replay.entrySet()) {
                assertThat(firingAt(run.alerts(), check.getKey()))
                        .as("%s: firing in the job at %s", test.name(), java.time.Instant.ofEpochMilli(check.getKey()))
                        .isEqualTo(check.getValue());
            }
            if (file.endsWith("fusion-records.test.yaml")) {
                assertThat(replay.values().stream().flatMap(Set::stream).map(k -> k.substring(0, k.indexOf(' '))))
                        .contains("linked-multi-agency-incident", "stabbing-near-repeat", "tension-raised");
            }
        }
    }

    /**
     * The case's records as the feeds' topics carry them, each stamped with its arrival, and a record
     * the job refuses arriving at the last check: a bounded run stops its fusion ticks at the last
     * arrival, and the test's clock runs on to its last check.
     */
    private static Map<String, List<RawFeedRecord>> input(RuleTestFile.Case test, long lastCheck) {
        List<RuleTestFile.PartnerRecord> records = new ArrayList<>(test.records());
        records.sort(Comparator.comparingLong(RuleTestFile.PartnerRecord::arrival));
        Map<String, List<RawFeedRecord>> input = new LinkedHashMap<>();
        for (RuleTestFile.PartnerRecord r : records) {
            String topic = Feed.fromCode(r.feed()).topic();
            List<RawFeedRecord> topicRecords = input.computeIfAbsent(topic, t -> new ArrayList<>());
            topicRecords.add(new RawFeedRecord(topic, 0, topicRecords.size(), r.arrival(),
                    r.json().getBytes(StandardCharsets.UTF_8)));
        }
        List<RawFeedRecord> clock = input.computeIfAbsent(Feed.INTEL.topic(), t -> new ArrayList<>());
        clock.add(new RawFeedRecord(Feed.INTEL.topic(), 0, clock.size(), lastCheck, "{}".getBytes(StandardCharsets.UTF_8)));
        return input;
    }

    /** Alerts firing at {@code at}: the last transition of each rule and area at or before it is "firing". */
    private static Set<String> firingAt(List<Alert> transitions, long at) {
        Map<String, String> state = new TreeMap<>();
        for (Alert a : transitions) {
            if (a.eventTime() <= at) {
                state.put(a.rule() + " " + a.layer() + ":" + a.areaId(), a.state());
            }
        }
        Set<String> firing = new TreeSet<>();
        state.forEach((key, s) -> {
            if (Alert.FIRING.equals(s)) {
                firing.add(key);
            }
        });
        return firing;
    }

    private static Set<String> keys(List<Alert> alerts) {
        Set<String> keys = new TreeSet<>();
        alerts.forEach(a -> keys.add(a.rule() + " " + a.layer() + ":" + a.areaId()));
        return keys;
    }
}
