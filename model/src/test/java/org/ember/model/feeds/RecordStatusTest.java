package org.ember.model.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The fast spellings must read exactly as the general path reads them, and everything else unchanged. */
class RecordStatusTest {

    private static Object reference(String value) {
        try {
            return value == null ? RecordStatus.ACTIVE : RecordStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static Object parsed(String value) {
        try {
            return RecordStatus.parse(value);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Test
    void readsEverySpellingAsValueOfItsUpperCaseDoes() {
        String[] values = {null, "active", "cancelled", "ACTIVE", "CANCELLED", "Active", "cAnCeLlEd", "active ", " active",
            "", "closed", "canceled", "act\u0131ve", "ACT\u0130VE", "cancelled\n"};
        for (String value : values) {
            assertThat(parsed(value)).as(Arrays.toString(new String[] {value})).isEqualTo(reference(value));
        }
        assertThat(RecordStatus.parse("cancelled")).isEqualTo(RecordStatus.CANCELLED);
        assertThat(parsed("closed")).isEqualTo(IllegalArgumentException.class);
    }
}
