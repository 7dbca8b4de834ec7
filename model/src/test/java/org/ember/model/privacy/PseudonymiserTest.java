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
    void theConfiguredKeyIsUsedAndTheDemoGetsARandomOneOtherwise() {
        String key = "a-long-enough-secret-key-for-tests";
        assertThat(PseudonymKeys.resolve(Map.of("EMBER_PSEUDONYM_KEY", key), true).pseudonymise("x"))
                .isEqualTo(Pseudonymiser.withKey(key).pseudonymise("x"));
        assertThat(PseudonymKeys.resolve(Map.of(), false).pseudonymise("x"))
                .isNotEqualTo(PseudonymKeys.resolve(Map.of(), false).pseudonymise("x"));
    }
}
