package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ember.model.privacy.Pseudonymiser;
import org.junit.jupiter.api.Test;

class DeadLetterRedactorTest {
    private static final Pseudonymiser KEY = Pseudonymiser.withKey("test-key-0123456789abcdef");
    private static final DeadLetterRedactor REDACTOR = new DeadLetterRedactor(KEY);

    private static DeadLetterRedactor.Redacted redact(String text) {
        return REDACTOR.redact(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRejectedNavigatorRecordKeepsItsShapeButNoPersonInClear() {
        DeadLetterRedactor.Redacted r = redact("""
                {"event_id":"N-1","event_time":"yesterday","event_type":"referral","person_ref":"NAV-JOHN-SMITH-1",
                 "nhs_number":"9434765919","full_name":"John Smith","location":{"lsoa_code":"W01001694"},
                 "site_code":"jane@nhs.net"}""");
        assertThat(r.rendering()).contains("\"event_id\":\"N-1\"", "\"event_type\":\"referral\"", "W01001694",
                "pseudonym:" + KEY.pseudonymise("NAV-JOHN-SMITH-1"), "[unknown field]",
                "\"event_time\":\"[9 characters, not as the contract says]\"")
                .doesNotContain("NAV-JOHN", "9434765919", "John", "nhs_number", "full_name", "jane");
        assertThat(r.sha256()).hasSize(64);
    }

    @Test
    void aValueThatBrokeItsContractIsReducedToItsSize() {
        DeadLetterRedactor.Redacted r = redact("""
                {"incident_id":"CR-1","opening_category":"Jane Doe","version":9434765919,"location":"Jane's house",
                 "status":"Jane"}""");
        assertThat(r.rendering()).contains("CR-1", "[8 characters, not as the contract says]", "[number]")
                .doesNotContain("Jane", "9434765919");
    }

    @Test
    void aBrokenRecordKeepsOnlyWhatCouldBeReadRedacted() {
        DeadLetterRedactor.Redacted r = redact("{\"person_ref\":\"P-JANE-DOE\",\"text\":\"Jane Doe lives at 4 High St\",\"event_");
        assertThat(r.rendering()).contains("unreadable from here", "[free text, 27 characters]")
                .doesNotContain("JANE", "Jane", "High St");
    }

    @Test
    void bytesThatAreNotJsonKeepOnlyTheirShape() {
        DeadLetterRedactor.Redacted r = redact("Jane Doe, 943 476 5919, <b>CF10 1AA</b>\u0000\u202e");
        assertThat(r.rendering()).startsWith("not JSON, shaped: xxxx xxx, 999 999 9999, <x>xx99 9xx</x>")
                .doesNotContain("Jane", "943");
    }

    @Test
    void tenMegabytesBecomeAFewHundredCharacters() {
        String huge = "{\"incident_id\":\"" + "A".repeat(10 * 1024 * 1024) + "\",\"x\":[" + "1,".repeat(100_000) + "1]}";
        DeadLetterRedactor.Redacted r = redact(huge);
        assertThat(r.length()).isGreaterThan(10 * 1024 * 1024);
        assertThat(r.rendering().length()).isLessThanOrEqualTo(DeadLetterRedactor.MAX_RENDERING);
    }

    @Test
    void everyControlCharacterIsDropped() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(String.format("\\u%04x", (int) c));
        }
        DeadLetterRedactor.Redacted r = redact("{\"incident_id\":\"" + all + "\\u007f\\u0085\\u202e\\ud800\"}");
        assertThat(r.rendering().chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202e
                || Character.isSurrogate((char) c))).isTrue();
    }
}
