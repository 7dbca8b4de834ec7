package org.ember.geo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.ember.geo.testdata.SharedData;
import org.junit.jupiter.api.Test;

/** IMD 2019 (England) and WIMD 2019 (Wales) read where they lie. */
class DeprivationTest {

    @Test
    void readsBothNationsWithTheirOwnRanks() {
        Deprivation d = Deprivation.load(SharedData.dir());
        assertThat(d.size()).isEqualTo(32_844 + 1_909);
        Deprivation.Score city = d.of("E01000001").orElseThrow();
        assertThat(city.rank()).isEqualTo(29_199);
        assertThat(city.decile()).isEqualTo(9);
        assertThat(city.nationSize()).isEqualTo(32_844);
        Deprivation.Score wales = d.of("W01000001").orElseThrow();
        assertThat(wales.rank()).isEqualTo(885);
        assertThat(wales.decile()).isEqualTo(5);
        assertThat(wales.rankFraction()).isBetween(0.46, 0.47);
        assertThat(d.of("S01000001")).isEmpty();
    }
}
