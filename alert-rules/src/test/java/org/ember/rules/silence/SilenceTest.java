package org.ember.rules.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.Test;

class SilenceTest {
    private static final Instant NOW = Instant.parse("2025-10-25T18:00:00Z");
    private static final Map<String, String> SWANSEA_WARNING = Map.of("lad", "W06000011", "severity", "warning");

    private static Silence swanseaForTwoHours() {
        return new SilenceRequest(List.of("lad=\"W06000011\""), null, null, "2h", "sian.morgan",
                "Beachfront end-of-exams event: the spoke is on site").toSilence("s-1", NOW);
    }

    @Test
    void aSilenceMutesMatchingAlertsBetweenItsStartAndEnd() {
        Silence silence = swanseaForTwoHours();
        assertThat(silence.silences(SWANSEA_WARNING, NOW.toEpochMilli())).isTrue();
        assertThat(silence.silences(Map.of("lad", "W06000015"), NOW.toEpochMilli())).isFalse();
        assertThat(silence.silences(SWANSEA_WARNING, NOW.plus(Duration.ofHours(2)).toEpochMilli())).isFalse();
        assertThat(silence.state(NOW.minusSeconds(1).toEpochMilli())).isEqualTo(Silence.State.PENDING);
    }

    @Test
    void expiringEndsItNowAndAPendingOneNeverStarts() {
        Silence silence = swanseaForTwoHours();
        long later = NOW.plus(Duration.ofMinutes(30)).toEpochMilli();
        Silence expired = silence.expire(later);
        assertThat(expired.state(later)).isEqualTo(Silence.State.EXPIRED);
        assertThat(expired.endsAt()).isEqualTo(later);

        Silence pending = new SilenceRequest(List.of("lad=\"W06000011\""), "2025-10-26T10:00:00+00:00",
                "2025-10-26T12:00:00+00:00", null, "sian", "planned").toSilence("s-2", NOW);
        Silence cancelled = pending.expire(NOW.toEpochMilli());
        assertThat(cancelled.silences(SWANSEA_WARNING, Instant.parse("2025-10-26T11:00:00Z").toEpochMilli())).isFalse();
    }

    @Test
    void aSilenceAlwaysExpiresAndNeverMatchesEverything() {
        assertThatThrownBy(() -> new SilenceRequest(List.of("lad=\"W06000011\""), null, null, null, "sian", "why")
                .toSilence("s", NOW)).hasMessageContaining("always expires");
        assertThatThrownBy(() -> new SilenceRequest(List.of("lad=\"W06000011\""), null, null, "31d", "sian", "why")
                .toSilence("s", NOW)).hasMessageContaining("at most 30 days");
        assertThatThrownBy(() -> new SilenceRequest(List.of("lad=~\".*\""), null, null, "1h", "sian", "why")
                .toSilence("s", NOW)).hasMessageContaining("must not match every alert");
        assertThatThrownBy(() -> new SilenceRequest(List.of("lad=\"W06000011\""), null, null, "1h", "sian", " ")
                .toSilence("s", NOW)).hasMessageContaining("comment");
    }

    @Test
    void theLatestVersionOfASilenceIsTheOneInForce() {
        Silences silences = new Silences();
        Silence silence = swanseaForTwoHours();
        silences.put(silence);
        assertThat(silences.silencing(SWANSEA_WARNING, NOW.toEpochMilli())).contains(silence);
        silences.put(silence.expire(NOW.toEpochMilli() + 1));
        assertThat(silences.silencing(SWANSEA_WARNING, NOW.toEpochMilli() + 2)).isEmpty();
        assertThat(silences.all()).hasSize(1);
    }

    @Test
    void silencesTravelAsJsonWithReadableMatchers() {
        ControlMessage message = ControlMessage.of(swanseaForTwoHours());
        String json = new String(message.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"matchers\":[\"lad=\\\"W06000011\\\"\"]").contains("\"created_by\":\"sian.morgan\"");
        assertThat(ControlMessage.fromBytes(message.toBytes())).isEqualTo(message);
        assertThat(message.key()).isEqualTo("silence:s-1");
    }
}
