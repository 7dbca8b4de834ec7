package org.ember.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsPrometheusStyleDurations() {
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofHours(24));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).hasMessageContaining("not a duration");
    }

    @RepeatedTest(50)
    void formattingReadsBackAsTheSameDuration(RepetitionInfo repetition) {
        Duration duration = Duration.ofMillis(new Random(repetition.getCurrentRepetition()).nextLong(1, 10L * 86_400_000));
        assertThat(DurationText.parse(DurationText.format(duration))).isEqualTo(duration);
    }
}
