package org.ember.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.fusion.FusionCalendar;
import org.ember.geo.fusion.FusionSettings;
import org.ember.rules.areas.CatalogueAreas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule tests whose input is partner records: the runner ingests, counts and fuses them with the
 * job's code and evaluates rules on fusion metrics (that the job gives the same alerts for the
 * same records is shown by infra's RecordRuleTestsMatchJobTest).
 */
class RecordRuleTestsTest {
    static final Path FILES = Path.of("src/test/resources/rule-tests");
    /** The job's grid (DeploymentJobs.CELL_SIZE_METRES). */
    static final int CELL_SIZE_METRES = 250;
    private static CatalogueAreas areas;
    private static RuleTestRunner runner;

    @BeforeAll
    static void load() {
        Path data = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        areas = new CatalogueAreas(AreaCatalogue.load(data, org.ember.rules.testing.SouthWalesCoverage.coverage()));
        runner = new RuleTestRunner(areas, areas, ReceiverResolver.NONE, new ReportInputs(areas.catalogue(), CELL_SIZE_METRES,
                FusionSettings.defaults(), FusionCalendar.load(data).orElse(null)));
    }

    private static void passes(String file) {
        List<RuleTestRunner.Result> results = runner.run(FILES.resolve(file), null);
        assertThat(results).isNotEmpty();
        for (RuleTestRunner.Result r : results) {
            assertThat(r.passed()).as(r.test() + "\n" + String.join("\n", r.failures())).isTrue();
        }
    }

    @Test
    void linkedStabbingFiresFusionRules() {
        passes("fusion-records.test.yaml");
    }

    @Test
    void aOneDayClusterAfterWeeksOfQuietFiresTheEarlyWarningRule() {
        passes("early-warning-records.test.yaml");
    }

    @Test
    void aStabbingAcrossALocalAuthorityBoundaryIsOneLinkedIncident() {
        passes("boundary-records.test.yaml");
    }

    @Test
    void aLonePoliceReportFiresNothing() {
        passes("fusion-quiet.test.yaml");
    }

    private static Path write(Path dir, String body) throws IOException {
        Path file = dir.resolve("bad.test.yaml");
        Files.writeString(file, "rule_files: [" + FILES.resolve("fusion-rules.yaml").toAbsolutePath() + "]\n" + body);
        return file;
    }

    @Test
    void badRecordsArePointedAtByFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                tests:
                  - name: bad records
                    records:
                      - feed: ambulance
                        id: WAST-1
                        time: "2025-06-13 21:14"
                        place: {lat: 51.4857, lon: -3.1575}
                        complaint_system: AMPDS
                        complaint_code: 27B01
                        response_category: 7
                      - feed: police
                        id: SWP-1
                        time: "2025-06-13 21:10"
                        place: E01000001
                        opening_category: Violence with injury
                        knife: true
                    expect:
                      - {at: "2025-06-13 22:00", firing: []}
                """);
        List<RuleTestRunner.Result> results = runner.run(file, null);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith(file + ":5:9:")
                    .contains("bad ambulance record").contains("response_category"));
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith(file + ":15:16:").contains("unknown LSOA 'E01000001'"));
            assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith(file + ":17:9:")
                    .contains("unknown key 'knife'").contains("knife_or_sharp_instrument"));
        });
    }

    @Test
    void aPlaceOutsideTheAreasIsPointedAt(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                tests:
                  - name: a stabbing in London
                    records:
                      - feed: police
                        id: MPS-1
                        time: "2025-06-13 21:10"
                        place: {lat: 51.5072, lon: -0.1276}
                        opening_category: Violence with injury
                    expect:
                      - {at: "2025-06-13 22:00", firing: []}
                """);
        List<RuleTestRunner.Result> results = runner.run(file, null);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f).startsWith(file + ":8:9: cannot place"));
        });
    }

    @Test
    void aMetricTheRunnerCannotDeriveIsPointedAt(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                tests:
                  - name: records but no boundaries
                    records:
                      - {feed: police, id: SWP-1, time: "2025-06-13 21:10", place: W01001694, opening_category: Robbery}
                    expect:
                      - {at: "2025-06-13 22:00", firing: []}
                """);
        RuleTestRunner withoutBoundaries = new RuleTestRunner(areas, areas, ReceiverResolver.NONE);
        List<RuleTestRunner.Result> results = withoutBoundaries.run(file, null);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith(file + ":4:5:")
                    .contains("is derived from partner records"));
            assertThat(String.join("\n", r.failures())).contains("'near_repeat_risk'").contains("'tension_level'")
                    .contains("'incidents'");
        });
    }
}
