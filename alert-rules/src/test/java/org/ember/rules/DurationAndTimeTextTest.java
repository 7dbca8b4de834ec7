package org.ember.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationAndTimeTextTest {
    @Test
    void durationsAreReadThePrometheusWay() {
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("1w2d")).isEqualTo(Duration.ofDays(9));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("0")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10 minutes", "h", "1m30", "30m1h", "-5m", "1.5h", "PT1H", "99999999999999999999d"})
    void anythingElseIsNotADuration(String text) {
        assertThat(DurationText.parse(text)).isNull();
    }

    @RepeatedTest(50)
    void formattedDurationsReadBackTheSame(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        Duration d = Duration.ofMillis(random.nextInt(1000) == 0 ? 0 : Math.abs(random.nextLong() % (400L * 86_400_000L)));
        assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }

    @Test
    void timesAreInstantsOffsetsOrUkLocalTime() {
        assertThat(TimeText.parse("2025-03-14T22:05:00Z")).isEqualTo(Instant.parse("2025-03-14T22:05:00Z").toEpochMilli());
        assertThat(TimeText.parse("2025-07-04T11:00+01:00")).isEqualTo(Instant.parse("2025-07-04T10:00:00Z").toEpochMilli());
        assertThat(TimeText.parse("2025-07-04 11:00")).as("British Summer Time")
                .isEqualTo(Instant.parse("2025-07-04T10:00:00Z").toEpochMilli());
        assertThat(TimeText.parse("2025-01-04 11:00:30")).isEqualTo(Instant.parse("2025-01-04T11:00:30Z").toEpochMilli());
        assertThat(TimeText.parse("tomorrow")).isNull();
    }

    @Test
    void templatesFindVariablesAndMetricValuesAndFlagEverythingElse() {
        assertThat(TemplateText.expressions("{{ .area_name }}: {{value \"count{window=1h,feed=any,category=any}\"}} {{ $labels }}"))
                .containsExactly(new TemplateText.Expression("{{ .area_name }}", "area_name", null),
                        new TemplateText.Expression("{{value \"count{window=1h,feed=any,category=any}\"}}", null,
                                "count{window=1h,feed=any,category=any}"),
                        new TemplateText.Expression("{{ $labels }}", null, null));
        assertThat(TemplateText.render("{{ .a }} and {{ .b }}", e -> e.variable().toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo("A and B");
    }
}
