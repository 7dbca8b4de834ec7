package org.ember.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every routing test shipped in alert-rules/routing/tests runs here, one JUnit test per case. */
class ShippedRoutingTest {
    private static final Path ROUTING = Path.of("routing");

    @TestFactory
    Stream<DynamicTest> shippedRoutingTestsPass() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ROUTING.resolve("tests"))) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Stream<DynamicTest> all = Stream.empty();
        for (Path file : files) {
            RoutingTests.Suite suite = RoutingTests.read(file, null);
            assertThat(suite.routingDir()).isEqualTo(ROUTING.toAbsolutePath().normalize());
            List<RoutingTests.Outcome> outcomes = RoutingTests.run(suite);
            all = Stream.concat(all, outcomes.stream().map(o -> DynamicTest.dynamicTest(o.test().name(),
                    () -> assertThat(o.failures()).as(file + ": " + o.test().name()).isEmpty())));
        }
        return all;
    }

    @Test
    void aWrongExpectationFailsWithWhatWasExpectedAndWhatHappened() throws Exception {
        Path file = Files.createTempFile("routing-test", ".yaml");
        try {
            Files.writeString(file, """
                    tests:
                      - name: Cardiff night, wrongly expecting the day officer
                        at: 2025-10-26T07:30
                        labels: {alertname: x, severity: warning, lad: W06000015}
                        expect:
                          receivers: [cardiff, hub]
                          escalation:
                            cardiff:
                              - {after: 0m, notify: [dylan.jones]}
                    """);
            RoutingTests.Suite suite = RoutingTests.read(file, ROUTING);
            RoutingTests.Outcome outcome = RoutingTests.run(suite).get(0);
            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.failures()).containsExactly(
                    "receivers: expected [cardiff, hub], got [cardiff]",
                    "escalation of cardiff step 1 (2025-10-26T07:30:00Z): expected [dylan.jones], got [megan.hughes]");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void thePlanNamesWhoEachStepReachesAtItsOwnTime() throws IOException, org.ember.rules.routing.ConfigException {
        AlertRouting routing = AlertRouting.load(ROUTING);
        RoutePlan plan = RoutePlan.of(routing, Map.of("severity", "warning", "lad", "W06000015"),
                Instant.parse("2025-10-26T07:50:00Z"));
        RoutePlan.Match cardiff = plan.matches().get(0);
        assertThat(cardiff.steps().get(0).who()).containsExactly("megan.hughes");
        assertThat(cardiff.steps().get(1).who()).as("08:05: the hand-over has happened")
                .containsExactly("gareth.thomas", "dylan.jones", "team:cardiff");
    }
}
