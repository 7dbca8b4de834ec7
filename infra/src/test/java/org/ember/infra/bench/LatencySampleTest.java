package org.ember.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySampleTest {
    @Test
    void quantilesAreNearestRankOverEverySample() {
        LatencySample sample = new LatencySample();
        assertThat(sample.quantile(0.5)).as("empty").isEqualTo(-1);
        for (long v = 2000; v >= 1; v--) {
            sample.add(v);
        }
        assertThat(sample.size()).isEqualTo(2000);
        assertThat(sample.quantile(0.5)).isEqualTo(1000);
        assertThat(sample.quantile(0.99)).isEqualTo(1980);
        assertThat(sample.max()).isEqualTo(2000);
    }
}
