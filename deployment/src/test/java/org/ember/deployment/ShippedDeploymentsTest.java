package org.ember.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.fusion.FusionCalendar;
import org.ember.geo.fusion.FusionSettings;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.delivery.RoutingTests;
import org.ember.rules.unittest.ReceiverResolver;
import org.ember.rules.unittest.ReportInputs;
import org.ember.rules.unittest.RuleTestRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped deployment under {@code deployments/} loads, its rules pass the rule checker
 * against its own areas, and its rule tests and routing tests pass, one JUnit test per case.
 */
class ShippedDeploymentsTest {

    @TestFactory
    Stream<DynamicTest> everyShippedDeploymentChecksAndItsTestsPass() throws Exception {
        List<Path> dirs;
        try (Stream<Path> listing = Files.list(DeploymentLoaderTest.SHIPPED)) {
            dirs = listing.filter(p -> Files.isRegularFile(p.resolve("deployment.yaml"))).sorted().toList();
        }
        assertThat(dirs).extracting(p -> p.getFileName().toString()).contains("south-wales-gwent", "avon-and-somerset");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : dirs) {
            Deployment d = Deployment.load(dir, DeploymentLoaderTest.DATA, Map.of());
            String name = d.name();
            CatalogueAreas areas = new CatalogueAreas(AreaCatalogue.load(d.dataDir(), d.coverage()));
            tests.add(DynamicTest.dynamicTest(name + ": rules check against the deployment's areas", () ->
                    assertThat(new RuleFileLoader(areas).load(d.rules()).rules()).isNotEmpty()));
            // Partner records in tests are ingested and fused as `ember rules test` does: the job's
            // 250 m grid (DeploymentJobs.CELL_SIZE_METRES), default fusion settings, the deployment's data.
            RuleTestRunner runner = new RuleTestRunner(areas, areas, ReceiverResolver.NONE, new ReportInputs(
                    areas.catalogue(), 250, FusionSettings.defaults(), FusionCalendar.load(d.dataDir()).orElse(null)));
            for (Path file : yamlFiles(d.ruleTests())) {
                runner.run(file, null).forEach(r -> tests.add(DynamicTest.dynamicTest(name + ": " + r.test(),
                        () -> assertThat(r.passed()).as(String.join("\n", r.failures())).isTrue())));
            }
            for (Path file : yamlFiles(d.routingTests())) {
                RoutingTests.run(RoutingTests.read(file, d.routing())).forEach(o -> tests.add(DynamicTest.dynamicTest(
                        name + ": " + o.test().name(), () -> assertThat(o.failures()).isEmpty())));
            }
            assertThat(yamlFiles(d.ruleTests())).as(name + " ships rule tests").isNotEmpty();
            assertThat(yamlFiles(d.routingTests())).as(name + " ships routing tests").isNotEmpty();
        }
        return tests.stream();
    }

    private static List<Path> yamlFiles(Path fileOrDir) throws IOException {
        if (fileOrDir == null) {
            return List.of();
        }
        if (Files.isRegularFile(fileOrDir)) {
            return List.of(fileOrDir);
        }
        try (Stream<Path> listing = Files.list(fileOrDir)) {
            return listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
