package org.ember.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySampleTest {
    private static final long START = 1_700_000_000_000L;
    private static final long TEN_SECONDS = 10_000;

    @Test
    void quantilesAreNearestRankOverEverySample() {
        LatencySample sample = new LatencySample();
        assertThat(sample.quantile(0.5)).as("empty").isEqualTo(-1);
        for (long v = 2000; v >= 1; v--) {
            sample.add(START + v, v);
        }
        assertThat(sample.size()).isEqualTo(2000);
        assertThat(sample.quantile(0.5)).isEqualTo(1000);
        assertThat(sample.quantile(0.99)).isEqualTo(1980);
        assertThat(sample.max()).isEqualTo(2000);
    }

    @Test
    void periodsOfSendTimeSeparateTheStartFromTheSteadyState() {
        LatencySample sample = new LatencySample();
        // Sent in the first ten seconds: slow (the job still starting).
        for (int i = 1; i <= 100; i++) {
            sample.add(START + i * 90, 1_000 + i);
        }
        // Nothing sent between 10 and 20 s raised an alert; from 20 s on: fast.
        for (int i = 1; i <= 200; i++) {
            sample.add(START + 2 * TEN_SECONDS + i * 40, i % 50);
        }
        sample.add(START - 5, 9_999); // sent before the start (the warm-up): in no period
        sample.add(START - 1, 70);    // also before the start

        assertThat(sample.byPeriod(START, TEN_SECONDS)).containsExactly(
                new LatencySample.Period(0, TEN_SECONDS, 100, 1_050, 1_099, 1_100),
                new LatencySample.Period(2 * TEN_SECONDS, 3 * TEN_SECONDS, 200, 24, 49, 49));
        assertThat(sample.max()).as("the whole run still has every sample").isEqualTo(9_999);
        assertThat(sample.size()).isEqualTo(302);
        assertThatThrownBy(() -> sample.byPeriod(START, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
