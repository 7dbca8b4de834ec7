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
    void aLonePoliceReportFiresNothing() {
        passes("fusion-quiet.test.yaml");
    }
}
