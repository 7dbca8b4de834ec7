package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageAccuracyTest {

    @Test
    void pairwiseCountsOnAHandWorkedExample() {
        // Truth: {a,b,c} one event, {d,e} another, f alone. Linker: {a,b}, {c,d,e}, f; g unknown to the truth.
        Map<String, String> truth = Map.of("a", "T1", "b", "T1", "c", "T1", "d", "T2", "e", "T2", "f", "T3");
        Map<String, String> predicted = Map.of("a", "G1", "b", "G1", "c", "G2", "d", "G2", "e", "G2", "f", "G3", "g", "G1");

        LinkageAccuracy accuracy = LinkageAccuracy.pairwise(predicted, truth);

        // true pairs: ab ac bc de = 4; linked: ab cd ce de = 4; correct: ab de = 2
        assertThat(accuracy.truePairs()).isEqualTo(4);
        assertThat(accuracy.predictedPairs()).isEqualTo(4);
        assertThat(accuracy.correctPairs()).isEqualTo(2);
        assertThat(accuracy.reports()).isEqualTo(6);
        assertThat(accuracy.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(accuracy.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(accuracy.summary()).contains("precision=0.500");
    }

    @Test
    void noPairsAtAllIsPerfect() {
        LinkageAccuracy accuracy = LinkageAccuracy.pairwise(Map.of("a", "G1"), Map.of("a", "T1"));
        assertThat(accuracy.precision()).isEqualTo(1.0);
        assertThat(accuracy.recall()).isEqualTo(1.0);
    }
}
