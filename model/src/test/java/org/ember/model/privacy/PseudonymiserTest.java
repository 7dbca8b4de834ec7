package org.ember.model.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    /** RFC 4231, test case 1: key = 20 bytes of 0x0b, data = "Hi There". */
    @Test
    void isHmacSha256AsTheRfcDefinesIt() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertThat(new Pseudonymiser(key).pseudonymise("Hi There"))
                .isEqualTo("p_b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void sameReferenceSameKeySamePseudonymAnotherKeyAnother() {
        Pseudonymiser one = Pseudonymiser.withKey("first-key-0123456789");
        Pseudonymiser other = Pseudonymiser.withKey("other-key-0123456789");
        assertThat(one.pseudonymise("NAV-000123")).isEqualTo(one.pseudonymise(" NAV-000123 "));
        assertThat(one.pseudonymise("NAV-000123")).isNotEqualTo(other.pseudonymise("NAV-000123"))
                .isNotEqualTo(one.pseudonymise("NAV-000124"));
        assertThat(one.pseudonymise(null)).isNull();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> Pseudonymiser.withKey("short")).hasMessageContaining("at least 16 bytes");
    }

    @Test
    void productionWithoutAKeyIsAClearStartupError() {
        assertThatThrownBy(() -> PseudonymKeys.resolve(Map.of(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EMBER_PSEUDONYM_KEY is not set");
        assertThatThrownBy(() -> PseudonymKeys.resolve(Map.of("EMBER_PSEUDONYM_KEY", "tiny"), true))
                .hasMessageContaining("shorter than 16");
    }

    @Test
    void productionRefusesLongButRegularKeys() {
        for (String weak : new String[] {"aaaaaaaaaaaaaaaa", "a".repeat(200), "abcabcabcabcabcabcabcabcabcabcabc",
            "password-password-password-password", "0123456789abcdef"}) {
            assertThatThrownBy(() -> PseudonymKeys.resolve(Map.of("EMBER_PSEUDONYM_KEY", weak), true))
                    .as(weak).hasMessageContaining("too regular");
        }
        // The same key is accepted for a demo run, where pseudonyms need not outlive the process.
        assertThat(PseudonymKeys.resolve(Map.of("EMBER_PSEUDONYM_KEY", "aaaaaaaaaaaaaaaa"), false)).isNotNull();
    }

    @Test
    void theConfiguredKeyIsUsedAndTheDemoGetsARandomOneOtherwise() {
        String key = "9f2c6e1ab47d03e8c5b9a6f1d2e7034b8c1f5a9e6d2b7c04e3a8f1b6d9c2e5a7";
        assertThat(PseudonymKeys.resolve(Map.of("EMBER_PSEUDONYM_KEY", key), true).pseudonymise("x"))
                .isEqualTo(Pseudonymiser.withKey(key).pseudonymise("x"));
        assertThat(PseudonymKeys.resolve(Map.of(), false).pseudonymise("x"))
                .isNotEqualTo(PseudonymKeys.resolve(Map.of(), false).pseudonymise("x"));
    }
}
