package org.ember.jobs.corrections;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.jobs.records.CountDelta;
import org.ember.model.Incident;
import org.junit.jupiter.api.Test;

class VersionResolverTest {

    private static Incident police(int version, boolean cancelled, String category) {
        return new Incident("police", "CR-1", version, cancelled, 1_000L, 1_000L, category, false, null,
                -3.18, 51.48, 318_000, 176_000, true, "W01001694", "W06000015", "250m:1272:704", null, "test");
    }

    @Test
    void aFirstVersionAddsToItsLsoaAndLocalAuthority() {
        assertThat(VersionResolver.deltas(null, police(1, false, "violence")))
                .extracting(CountDelta::layer, CountDelta::delta)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lsoa", 1), org.assertj.core.groups.Tuple.tuple("lad", 1));
    }

    @Test
    void aRecategorisationTakesBackTheOldCategoryAndAddsTheNew() {
        var deltas = VersionResolver.deltas(police(1, false, "public_order"), police(2, false, "violence"));
        assertThat(deltas).extracting(CountDelta::category, CountDelta::delta)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("public_order", -1),
                        org.assertj.core.groups.Tuple.tuple("public_order", -1),
                        org.assertj.core.groups.Tuple.tuple("violence", 1),
                        org.assertj.core.groups.Tuple.tuple("violence", 1));
    }

    @Test
    void aCancellationOnlyTakesBack() {
        assertThat(VersionResolver.deltas(police(1, false, "violence"), police(2, true, "violence")))
                .allMatch(d -> d.delta() == -1).hasSize(2);
    }

    @Test
    void anOlderOrEqualVersionIsStale() {
        assertThat(VersionResolver.supersedes(police(1, false, "violence"), police(2, false, "violence"))).isFalse();
        assertThat(VersionResolver.supersedes(police(2, false, "violence"), police(2, false, "violence"))).isFalse();
        assertThat(VersionResolver.supersedes(police(3, false, "violence"), police(2, false, "violence"))).isTrue();
    }
}
