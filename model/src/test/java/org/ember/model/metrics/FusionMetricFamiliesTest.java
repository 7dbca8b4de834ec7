package org.ember.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FusionMetricFamiliesTest {

    @Test
    void everyNameTheFusionStageSpellsIsCanonicalInTheVocabulary() {
        for (String name : new String[] {
            FusionMetricFamilies.incidents("24h", "health_only"),
            FusionMetricFamilies.windowed("health_only_share", "7d"),
            FusionMetricFamilies.windowed("gi_z", "7d"),
            FusionMetricFamilies.windowed("seasonal_exceedance", "24h"),
            "near_repeat_risk", "tension_level", "scan_recurrence_days", "early_warning_score"}) {
            assertThat(MetricVocabulary.parse(name).name()).as(name)
                    .hasValueSatisfying(n -> assertThat(n.canonical()).isEqualTo(name));
        }
    }

    @Test
    void labelValuesAreChecked() {
        assertThat(MetricVocabulary.parse("incidents{window=24h,kind=noisy}").problem()).contains("kind='noisy'");
        assertThat(MetricVocabulary.parse("tension_score{window=24h}").problem()).contains("has no label");
        assertThat(MetricVocabulary.families()).extracting(MetricDefinition::name)
                .contains("count", "incidents", "tension_score", "seasonal_exceedance");
    }
}
