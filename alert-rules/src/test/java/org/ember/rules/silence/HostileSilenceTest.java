package org.ember.rules.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.routing.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Silences and acknowledgements as an attacker or a hurried operator would write them. */
class HostileSilenceTest {
    private static final Instant NOW = Instant.parse("2026-03-07T22:00:00Z");

    private static Silence request(String... matchers) {
        return new SilenceRequest(List.of(matchers), null, null, "2h", "duty.officer", "testing").toSilence("s-1", NOW);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void catastrophicBacktrackingPatternsRunInLinearTime() {
        Silence silence = request("alertname=~\"(.*){1,32}!\"", "lad=\"W06000015\"");
        String hostile = "a".repeat(100_000);
        assertThat(silence.silences(Map.of("alertname", hostile, "lad", "W06000015"), NOW.toEpochMilli())).isFalse();
        Matcher nested = Matcher.parse("alertname=~\"(a+)+$\"");
        assertThat(nested.matches(Map.of("alertname", "a".repeat(50_000) + "!"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity=~\".+\"", "severity=~\".*\"", "alertname!=\"nothing-is-called-this\"",
        "area=~\"(?s).+\"", "layer!~\"\"", "severity=~\"info|warning|critical\"", "alertname=~\"[^\\\\x00]*\""})
    void silencesThatMatchEveryAlertAreRefusedWhateverTheirText(String matcher) {
        assertThatThrownBy(() -> request(matcher)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not match every alert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity=\"critical\"", "lad=\"W06000015\"", "alertname=~\"weapon-.*\"", "area!~\".*\""})
    void specificSilencesAreAccepted(String matcher) {
        assertThat(request(matcher).matchers()).hasSize(1);
    }

    @Test
    void silencesAndAcknowledgementsCannotLastForAges() {
        assertThatThrownBy(() -> new SilenceRequest(List.of("lad=\"W06000015\""), null, null, "876000000h", "a", "b")
                .toSilence("s-2", NOW)).hasMessageContaining("at most 30 days");
        long start = NOW.toEpochMilli();
        // Written straight to the topic, bypassing create(): the record refuses it too.
        assertThatThrownBy(() -> new Silence("s-3", List.of(Matcher.parse("lad=\"W06000015\"")), start,
                start + Duration.ofDays(365L * 100_000_000).toMillis(), "a", "b", start))
                .hasMessageContaining("at most 30 days");
        assertThatThrownBy(() -> new Acknowledgement("f", "ann", start, start + Duration.ofDays(365L * 100_000_000).toMillis(), null))
                .hasMessageContaining("within 7 days");
        assertThatThrownBy(() -> new Acknowledgement("f", "x".repeat(101), start, 0, null))
                .hasMessageContaining("who made it");
        assertThatThrownBy(() -> new Acknowledgement("f", "ann\r\nInjected: header", start, 0, null))
                .hasMessageContaining("who made it");
    }

    @Test
    void overlongPatternsAreRefused() {
        assertThatThrownBy(() -> Matcher.parse("alertname=~\"" + "a".repeat(Matcher.MAX_REGEX + 1) + "\""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
