package org.ember.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ember's JSON writes the same bytes for the same value in every JVM. */
class JsonTest {
    /** A value with a map field, as the topics' records have (labels, values). */
    record Labelled(String id, Map<String, Double> values) {}

    @Test
    void mapKeysAreWrittenInNameOrderWhateverTheMapsOwnIterationOrder() {
        // Map.of iterates in an order drawn at JVM start: ten keys are almost never in name order.
        Map<String, Double> values = Map.of("members", 4.0, "lsoas", 2.0, "z", 1.0, "gi_z", 3.1, "count", 7.0,
                "area", 0.0, "kde", 0.5, "b", 9.0, "cells", 3.0, "y", 8.0);
        assertThat(Json.toText(new Labelled("cluster:1", values))).isEqualTo("{\"id\":\"cluster:1\",\"values\":{"
                + "\"area\":0.0,\"b\":9.0,\"cells\":3.0,\"count\":7.0,\"gi_z\":3.1,\"kde\":0.5,\"lsoas\":2.0,"
                + "\"members\":4.0,\"y\":8.0,\"z\":1.0}}");
    }
}
