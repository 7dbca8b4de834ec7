package org.ember.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.model.Alert;
import org.junit.jupiter.api.Test;

class RoutesLoaderTest {
    private static final String TREE = """
            route:
              receiver: hub
              group_by: [lad]
              group_wait: 30s
              routes:
                - matchers: ['severity="critical"']
                  receiver: hub
                  continue: true
                  group_wait: 5s
                - matchers: ['lad="W06000015"']
                  receiver: cardiff
                  routes:
                    - matchers: ['severity="info"']
                      receiver: cardiff
                      mute_time_intervals: [nights]
                - matchers: ['lad="W06000015"']
                  receiver: never
            receivers:
              - {name: hub, escalation: hub}
              - {name: cardiff, escalation: cardiff}
              - {name: never}
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [area]
            time_intervals:
              - name: nights
                time_intervals:
                  - times: [{start_time: "00:00", end_time: "08:00"}, {start_time: "20:00", end_time: "24:00"}]
            """;

    private static RoutingTree load(String text, List<ConfigProblem> problems) {
        return new RoutesLoader().load(YamlSource.parse("routes.yaml", text, problems), Set.of("hub", "cardiff")::contains);
    }

    private static RoutingTree tree() {
        List<ConfigProblem> problems = new ArrayList<>();
        RoutingTree tree = load(TREE, problems);
        assertThat(problems).isEmpty();
        return tree;
    }

    @Test
    void deepestMatchWinsContinueKeepsGoingAndAFirstMatchStopsTheSiblings() {
        RoutingTree tree = tree();
        List<Route> criticalCardiff = tree.match(Map.of("severity", "critical", "lad", "W06000015"));
        assertThat(criticalCardiff).extracting(Route::id).containsExactly("root.0", "root.1");

        List<Route> infoCardiff = tree.match(Map.of("severity", "info", "lad", "W06000015"));
        assertThat(infoCardiff).extracting(Route::id).as("the third sibling is never reached").containsExactly("root.1.0");

        assertThat(tree.match(Map.of("severity", "warning", "lad", "W06000011"))).extracting(Route::id)
                .containsExactly("root");
    }

    @Test
    void childrenInheritGroupingFromTheirParentsUnlessTheySetTheirOwn() {
        RoutingTree tree = tree();
        Route critical = tree.route("root.0");
        Route cardiffInfo = tree.route("root.1.0");
        assertThat(critical.groupWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cardiffInfo.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cardiffInfo.groupBy()).containsExactly("lad");
        assertThat(cardiffInfo.groupInterval()).isEqualTo(RoutesLoader.DEFAULT_GROUP_INTERVAL);
        assertThat(cardiffInfo.groupKey(Map.of("lad", "W06000015", "area", "W01001700")))
                .isEqualTo("root.1.0{lad=\"W06000015\"}");
    }

    @Test
    void muteWindowsAreReadInLondonTimeOnBothSidesOfTheClockChange() {
        RoutingTree tree = tree();
        Route cardiffInfo = tree.route("root.1.0");
        // 07:30 BST on Saturday 25 October is 06:30 UTC; 07:30 GMT on Sunday 26 October is 07:30 UTC.
        assertThat(tree.sendsAt(cardiffInfo, Instant.parse("2025-10-25T06:30:00Z"))).isFalse();
        assertThat(tree.sendsAt(cardiffInfo, Instant.parse("2025-10-25T07:30:00Z"))).isTrue(); // 08:30 BST
        assertThat(tree.sendsAt(cardiffInfo, Instant.parse("2025-10-26T07:30:00Z"))).isFalse(); // 07:30 GMT
        assertThat(tree.sendsAt(cardiffInfo, Instant.parse("2025-10-26T08:00:00Z"))).isTrue();
    }

    @Test
    void inhibitionNeedsEqualLabelsAndAnotherAlertAndStartsWithTheEarliestMutingAlert() {
        RoutingTree tree = tree();
        Alert warning = alert("warning", "W01001700", 1_000);
        Alert criticalSameArea = alert("critical", "W01001700", 5_000);
        Alert earlierCriticalSameArea = alert("critical", "W01001700", 3_000);
        Alert criticalElsewhere = alert("critical", "W01001701", 2_000);
        assertThat(tree.inhibitedSince(warning, List.of(criticalSameArea))).hasValue(5_000);
        assertThat(tree.inhibitedSince(warning, List.of(criticalElsewhere, criticalSameArea, earlierCriticalSameArea)))
                .hasValue(3_000);
        assertThat(tree.inhibitedSince(warning, List.of(criticalElsewhere))).isEmpty();
        assertThat(tree.inhibitedSince(criticalSameArea, List.of(criticalSameArea))).isEmpty();
    }

    private static Alert alert(String severity, String area, long firedAt) {
        return new Alert(severity + "-" + area + "-" + firedAt, "r", Alert.FIRING, severity, "lsoa", area, area, "W06000015",
                firedAt, firedAt, "count{window=24h}", 3, 2, "", Map.of("severity", severity, "area", area), Map.of());
    }

    @Test
    void everyProblemIsReportedAtTheLineAndColumnOfItsKeyOrItem() {
        String broken = """
                route:
                  receiver: hub
                  group_wait: soon
                  routes:
                    - matchers: ['lad=~"("']
                      receiver: nobody
                      colour: red
                receivers:
                  - {name: hub, escalation: hub}
                  - {name: hub, escalation: missing}
                """;
        List<ConfigProblem> problems = new ArrayList<>();
        load(broken, problems);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "routes.yaml:3:3: 'group_wait': 'soon' is not a duration; write e.g. 30s, 5m, 4h, 1d or 1h30m",
                "routes.yaml:5:18: 'lad=~\"(\"': bad regular expression: missing closing )",
                "routes.yaml:6:7: unknown receiver 'nobody'; defined: [hub]",
                "routes.yaml:7:7: unknown key 'colour'; known keys: [active_time_intervals, continue, group_by, "
                        + "group_interval, group_wait, matchers, mute_time_intervals, receiver, repeat_interval, routes]",
                "routes.yaml:10:6: duplicate receiver 'hub'",
                "routes.yaml:10:17: unknown escalation policy 'missing' (escalation policies are defined in oncall.yaml)");
    }

    @Test
    void theRootRouteTakesNoMatchers() {
        List<ConfigProblem> problems = new ArrayList<>();
        load("route: {receiver: hub, matchers: ['a=\"b\"']}\nreceivers: [{name: hub}]\n", problems);
        assertThat(problems).singleElement().extracting(ConfigProblem::message).asString().contains("root route");
    }
}
