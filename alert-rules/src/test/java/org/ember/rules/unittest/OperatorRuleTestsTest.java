package org.ember.rules.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ember.geo.area.AreaCatalogue;
import org.ember.rules.areas.CatalogueAreas;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule unit-test file in {@code alert-rules/tests/} runs as part of the build, each test case
 * as its own JUnit test, against the real boundary data: the operators' tests can never rot.
 */
class OperatorRuleTestsTest {
    private static final Path TESTS = Path.of("tests");

    @TestFactory
    Stream<DynamicTest> everyRuleTestFilePasses() throws IOException {
        Path data = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        CatalogueAreas areas = new CatalogueAreas(AreaCatalogue.load(data, org.ember.rules.testing.SouthWalesCoverage.coverage()));
        RuleTestRunner runner = new RuleTestRunner(areas, areas, ReceiverResolver.NONE, new ReportInputs(areas.catalogue(),
                RecordRuleTestsTest.CELL_SIZE_METRES, org.ember.geo.fusion.FusionSettings.defaults(),
                org.ember.geo.fusion.FusionCalendar.load(data).orElse(null)));
        List<Path> files;
        try (Stream<Path> listing = Files.list(TESTS)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("rule test files in " + TESTS.toAbsolutePath()).isNotEmpty();
        return files.stream().flatMap(file -> runner.run(file, null).stream()
                .map(result -> DynamicTest.dynamicTest(file.getFileName() + ": " + result.test(), () -> assertThat(result.passed())
                        .as(String.join("\n", result.failures())).isTrue())));
    }
}
