package org.ember.geo.seasonal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.layers.SeasonalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Histories a hostile or careless partner can cause: one record years before the rest, a year
 * typed as 0001, absurd counts. Each must leave a bounded history and a finite prediction
 * (the 2017 record once made the fusion task spin for good). The timeout only turns a hang into
 * a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeasonalBaselineExtremesTest {
    private static final long HOUR = 3_600_000L;
    private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

    private static void assertSane(SeasonalPrediction p) {
        assertThat(p.expected()).isBetween(0.0, SeasonalBaseline.MAX_EXPECTED);
        assertThat(p.upperBound()).isGreaterThanOrEqualTo(0);
        assertThat(p.exceedanceProbability()).isBetween(0.0, 1.0);
    }

    @Test
    void aRecordNineYearsEarlierSlidesOutOfABoundedHistory() {
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.HOUR, null, "X", 0.01, 24);
        b.update(Instant.parse("2017-01-01T00:00:00Z"), 1);
        Instant t = NOW.minusSeconds(60L * 24 * 3600);
        for (int h = 0; h < 60 * 24; h++) {
            b.update(t.plusSeconds(h * 3600L), h % 7 == 0 ? 3 : 0);
        }
        assertThat(b.historyBuckets()).isLessThanOrEqualTo(SeasonalBaseline.MAX_HOURS);
        for (long observed : new long[] {0, 1, 100, Long.MAX_VALUE / 4}) {
            assertSane(b.predict(NOW, observed));
        }
    }

    @Test
    void aYearTypedAsOneStartsAFreshHistory() {
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.DAY, null, "X", 0.01, 1);
        b.update(Instant.parse("0001-01-01T00:00:00Z"), 5);
        Instant t = NOW.minusSeconds(70L * 24 * 3600);
        for (int d = 0; d < 70; d++) {
            b.update(t.plusSeconds(d * 86_400L), d % 3);
        }
        assertThat(b.historyBuckets()).isLessThanOrEqualTo(SeasonalBaseline.MAX_DAYS);
        assertSane(b.predict(NOW, 2));
    }

    @Test
    void aTrendOverALongEmptyHistoryIsClamped() {
        // Years of zeros then a burst: the fitted trend extrapolates steeply; the prediction stays bounded.
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.DAY, null, "X", 0.01, 1);
        Instant start = NOW.minusSeconds(1000L * 86_400);
        for (int d = 0; d < 1000; d++) {
            b.update(start.plusSeconds(d * 86_400L), d >= 990 ? 1_000_000_000L : 0);
        }
        assertSane(b.predict(NOW.plusSeconds(400L * 86_400), 1));
    }

    @Test
    void absurdCountsGiveAFinitePrediction() {
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.DAY, null, "X", 0.01, 1);
        Instant start = NOW.minusSeconds(60L * 86_400);
        for (int d = 0; d < 60; d++) {
            b.update(start.plusSeconds(d * 86_400L), d % 2 == 0 ? Long.MAX_VALUE / 128 : 0);
        }
        assertSane(b.predict(NOW, Long.MAX_VALUE / 128));
    }

    @Test
    void theExceedanceLayerEndsOnAHistoryThatStartsIn2017() {
        long first = Instant.parse("2017-01-01T00:00:00Z").toEpochMilli();
        long asOf = NOW.toEpochMilli();
        long[] counts = new long[(int) ((asOf - first) / HOUR)];
        counts[0] = 1;
        for (int i = counts.length - 60 * 24; i < counts.length; i++) {
            counts[i] = i % 5 == 0 ? 2 : 0;
        }
        SeasonalExceedance layer = new SeasonalExceedance("X", null, SeasonalSettings.defaults());
        Optional<SeasonalExceedance.Result> result = layer.evaluate(first, counts, asOf);
        assertThat(result).isPresent();
        assertThat(result.get().expected()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(result.get().probability()).isBetween(0.0, 1.0);
    }
}
