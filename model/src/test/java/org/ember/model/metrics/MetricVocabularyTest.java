package org.ember.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricVocabularyTest {

    @Test
    void labelsInAnyOrderGiveTheCanonicalName() {
        assertThat(MetricVocabulary.parse("count{category=weapon, window=24h,feed=any}").name())
                .hasValueSatisfying(n -> assertThat(n.canonical()).isEqualTo("count{window=24h,feed=any,category=weapon}"));
    }

    @Test
    void problemsSayWhatIsWrong() {
        assertThat(MetricVocabulary.parse("cnt{window=24h}").problem()).contains("unknown metric 'cnt'");
        assertThat(MetricVocabulary.parse("count{window=2h,feed=any,category=any}").problem()).contains("window='2h'");
        assertThat(MetricVocabulary.parse("count{window=24h,feed=any}").problem()).contains("needs label 'category'");
        assertThat(MetricVocabulary.parse("count{window=24h,feed=any,category=any,x=1}").problem()).contains("[x]");
    }
}
