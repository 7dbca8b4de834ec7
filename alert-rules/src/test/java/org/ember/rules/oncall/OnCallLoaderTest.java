package org.ember.rules.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.YamlSource;
import org.junit.jupiter.api.Test;

class OnCallLoaderTest {
    private static final String SMALL = """
            hub: hub
            people:
              - {id: ann, name: Ann, email: ann@vru.example}
              - {id: bob, name: Bob, email: bob@vru.example, webhook: "http://127.0.0.1:9/bob"}
              - {id: cat, name: Cat, email: cat@vru.example}
            teams:
              - {id: hub, name: Hub, email: hub@vru.example, schedule: hub-duty}
            schedules:
              - id: hub-duty
                layers:
                  - {name: weekdays, start: "2025-01-06T08:00", shift: 1d, members: [ann, bob]}
                  - {name: weekend, start: "2025-01-04T00:00", shift: 1d, members: [cat], active: [{weekdays: [saturday, sunday]}]}
                overrides:
                  - {person: cat, start: "2025-01-08T12:00", end: "2025-01-08T14:00"}
            escalation_policies:
              - id: hub
                repeat: 2
                ack_timeout: 4h
                steps:
                  - {targets: ["schedule:hub-duty"], delay: 10m}
                  - {targets: ["team:hub", "person:bob"], delay: 20m}
            """;

    private static OnCallDirectory load(String text, List<ConfigProblem> problems) {
        return new OnCallLoader().load(YamlSource.parse("oncall.yaml", text, problems));
    }

    private static OnCallDirectory small() {
        List<ConfigProblem> problems = new ArrayList<>();
        OnCallDirectory directory = load(SMALL, problems);
        assertThat(problems).isEmpty();
        return directory;
    }

    @Test
    void aLaterLayerCoversAnEarlierOneAndAnOverrideCoversBoth() {
        OnCallDirectory directory = small();
        // Wednesday 8 January 2025: ann's weekday turn (6th ann, 7th bob, 8th ann).
        assertThat(directory.onDuty("hub-duty", Instant.parse("2025-01-08T10:00:00Z")).orElseThrow().id()).isEqualTo("ann");
        assertThat(directory.onDuty("hub-duty", Instant.parse("2025-01-08T13:00:00Z")).orElseThrow().id()).isEqualTo("cat");
        // Saturday 11 January: the weekend layer.
        assertThat(directory.onDuty("hub-duty", Instant.parse("2025-01-11T10:00:00Z")).orElseThrow().id()).isEqualTo("cat");
    }

    @Test
    void targetsResolveToContactsAtTheMomentAsked() {
        OnCallDirectory directory = small();
        Instant wednesday = Instant.parse("2025-01-08T10:00:00Z");
        assertThat(directory.resolve(Target.parse("hub"), wednesday)).extracting(Contact::who, Contact::address)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "ann@vru.example"),
                        org.assertj.core.groups.Tuple.tuple("team:hub", "hub@vru.example"));
        assertThat(directory.resolve(List.of(Target.parse("person:bob"), Target.parse("person:bob")), wednesday))
                .extracting(Contact::channel).as("each address once, e-mail and webhook")
                .containsExactly(Contact.EMAIL, Contact.WEBHOOK);
    }

    @Test
    void escalationRunsThroughItsStepsRepeatTimesOver() {
        EscalationPolicy policy = small().policy("hub").orElseThrow();
        assertThat(policy.stepCount()).isEqualTo(6);
        Instant start = Instant.parse("2025-01-08T10:00:00Z");
        assertThat(policy.timeline(start)).containsExactly(start, start.plus(Duration.ofMinutes(10)),
                start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(40)), start.plus(Duration.ofMinutes(60)),
                start.plus(Duration.ofMinutes(70)));
        assertThat(policy.step(2)).isEqualTo(policy.step(0));
        assertThat(policy.step(5)).isEqualTo(policy.step(1));
        assertThat(policy.hasStepAfter(5)).isFalse();
    }

    @Test
    void theShippedRotasLoad() throws Exception {
        OnCallDirectory directory = new OnCallLoader().load(Path.of("routing/oncall.yaml"));
        assertThat(directory.teams()).containsKeys("hub", "cardiff", "swansea");
        assertThat(directory.hub()).isEqualTo("hub");
    }

    @Test
    void problemsAreLocated() {
        String broken = """
                hub: nowhere
                people:
                  - {id: ann, email: not-an-address}
                schedules:
                  - id: s
                    layers:
                      - {start: "2025-01-06T08:00", shift: 5h, members: [ann, zed]}
                escalation_policies:
                  - id: p
                    steps:
                      - {targets: ["schedule:s", "pager:ann"]}
                      - {targets: [hub]}
                """;
        List<ConfigProblem> problems = new ArrayList<>();
        load(broken, problems);
        assertThat(problems).extracting(ConfigProblem::toString).contains(
                "oncall.yaml:1:1: the hub must be one of the teams; defined: []",
                "oncall.yaml:3:15: 'not-an-address' is not an e-mail address",
                "oncall.yaml:7:63: unknown person 'zed'",
                "oncall.yaml:11:34: 'pager:ann' is not a target; write person:ID, schedule:ID, team:ID or hub",
                "oncall.yaml:11:9: 'delay' is required and must be longer than zero: how long this step has to "
                        + "acknowledge before the next step");
    }

    @Test
    void acknowledgementsLapseByTheirOwnExpiryOrThePolicyTimeout() {
        Acknowledgement ack = new Acknowledgement("f", "ann", 1_000, 0, null);
        assertThat(ack.inForce(1_000 + Duration.ofHours(4).toMillis() - 1, Duration.ofHours(4))).isTrue();
        assertThat(ack.inForce(1_000 + Duration.ofHours(4).toMillis(), Duration.ofHours(4))).isFalse();
        assertThat(ack.inForce(Long.MAX_VALUE - 1, null)).isTrue();
        assertThat(new Acknowledgement("f", "ann", 1_000, 5_000, null).inForce(5_000, null)).isFalse();
    }
}
