package org.ember.rules.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;
import org.ember.rules.testing.TestAreas;
import org.junit.jupiter.api.Test;

class RuleSnapshotsTest {
    private static final String ONE_RULE = """
            groups:
              - name: g
                rules:
                  - {name: a, areas: {layer: lad}, when: "count{window=1h,feed=any,category=any} > %d", severity: info}
            """;
    private static final Instant PUSHED = Instant.parse("2025-03-15T09:00:00Z");
    private final RuleFileLoader loader = new RuleFileLoader(new TestAreas());

    private static byte[] snapshot(long version, String yaml) {
        return RuleSnapshot.of(version, List.of(new SourceFile("rules/a.yaml", yaml)), PUSHED, "analyst@vru").toBytes();
    }

    private RuleSet inForce(long version) throws Exception {
        return loader.load(List.of(new SourceFile("a.yaml", ONE_RULE.formatted(1))), version);
    }

    @Test
    void aSnapshotTravelsAsJsonAndComesBackWhole() {
        RuleSnapshot back = RuleSnapshot.parse(snapshot(4, ONE_RULE.formatted(2)));
        assertThat(back.version()).isEqualTo(4);
        assertThat(back.publishedAt()).isEqualTo(PUSHED);
        assertThat(back.publishedBy()).isEqualTo("analyst@vru");
        assertThat(back.files()).containsOnlyKeys("a.yaml");
        assertThat(new String(snapshot(4, "x"), StandardCharsets.UTF_8)).contains("\"content_hash\"").contains("\"type\":\"rule_snapshot\"");
    }

    @Test
    void aSnapshotWhoseFilesDoNotMatchItsHashIsRefused() {
        String json = new String(snapshot(4, ONE_RULE.formatted(2)), StandardCharsets.UTF_8).replace("> 2", "> 9");
        assertThatThrownBy(() -> RuleSnapshot.parse(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("but its files hash to");
    }

    @Test
    void aHigherValidVersionIsAcceptedAndTakesItsVersionNumber() throws Exception {
        RuleSnapshots.Decision d = RuleSnapshots.decide(snapshot(3, ONE_RULE.formatted(5)), inForce(2), loader, 99);
        assertThat(d.ruleSet().version()).isEqualTo(3);
        assertThat(d.ruleSet().rules().get(0).primary().threshold()).isEqualTo(5);
        assertThat(d.event()).isEqualTo(RuleEvent.accepted(3, d.ruleSet().contentHash(), 1, 99));
    }

    @Test
    void anOlderOrEqualVersionIsIgnored() throws Exception {
        RuleSnapshots.Decision d = RuleSnapshots.decide(snapshot(2, ONE_RULE.formatted(5)), inForce(2), loader, 99);
        assertThat(d.ruleSet()).isNull();
        assertThat(d.event().outcome()).isEqualTo(RuleEvent.IGNORED);
        assertThat(d.event().inForce()).isEqualTo(2);
    }

    @Test
    void anInvalidSetIsRejectedWithItsProblemsAndThePreviousStaysInForce() throws Exception {
        RuleSnapshots.Decision d = RuleSnapshots.decide(snapshot(3, ONE_RULE.formatted(5).replace("severity", "sevrity")),
                inForce(2), loader, 99);
        assertThat(d.ruleSet()).isNull();
        assertThat(d.event().outcome()).isEqualTo(RuleEvent.REJECTED);
        assertThat(d.event().version()).isEqualTo(3);
        assertThat(d.event().inForce()).isEqualTo(2);
        assertThat(d.event().problems()).anyMatch(p -> p.startsWith("a.yaml:4:") && p.contains("unknown key 'sevrity'"));
    }

    @Test
    void aSnapshotWithoutRulesIsRefusedUnlessExplicitlyAllowed() throws Exception {
        String empty = "groups: []\n";
        RuleSnapshots.Decision refused = RuleSnapshots.decide(snapshot(3, empty), inForce(2), loader, 99);
        assertThat(refused.ruleSet()).isNull();
        assertThat(refused.event().outcome()).isEqualTo(RuleEvent.REJECTED);
        assertThat(refused.event().problems()).anyMatch(p -> p.contains("no rules"));
        byte[] forced = RuleSnapshot.of(3, List.of(new SourceFile("rules/a.yaml", empty)), PUSHED, "analyst@vru", true)
                .toBytes();
        RuleSnapshots.Decision accepted = RuleSnapshots.decide(forced, inForce(2), loader, 99);
        assertThat(accepted.ruleSet()).isNotNull();
        assertThat(accepted.ruleSet().rules()).isEmpty();
    }

    @Test
    void bytesThatAreNotASnapshotAreRejected() throws Exception {
        RuleSnapshots.Decision d = RuleSnapshots.decide("{\"rules\":[]}".getBytes(StandardCharsets.UTF_8), inForce(2), loader, 1);
        assertThat(d.event().outcome()).isEqualTo(RuleEvent.REJECTED);
        assertThat(d.event().version()).isEqualTo(-1);
        assertThat(d.event().problems()).singleElement().asString().startsWith("not a rule snapshot");
    }
}
