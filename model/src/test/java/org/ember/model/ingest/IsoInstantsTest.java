package org.ember.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** What the library makes of it: epoch millis, or UNSURE when it refuses. */
    private static long library(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return IsoInstants.UNSURE;
        }
    }

    @Test
    void agreesWithTheLibraryOnEverythingItVouchesForAndDeclinesTheRest() {
        List<String> texts = new ArrayList<>(List.of(
                "2025-03-14T22:10:00Z", "2025-03-14T22:10:00.5Z", "2025-03-14T22:10:00.123456789Z",
                "2025-03-14T22:10:00+01:00", "2025-03-14T22:10:00.25-05:30", "1969-12-31T23:59:59.999Z",
                "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-03-14T24:00:00Z", "2025-03-14T23:60:00Z", "2025-03-14T23:59:60Z", "2025-03-14T22:10:00-00:00",
                "2025-03-14T22:10:00+18:00", "2025-03-14T22:10:00+19:00", "2025-03-14T22:10:00.Z",
                "2025-03-14T22:10:00.1234567890Z", "2025-03-14t22:10:00z", "2025-03-14 22:10:00Z", "2025-03-14T22:10Z",
                "2025-03-14T22:10:00", "2025-03-14T22:10:00+0100", "+2025-03-14T22:10:00Z", "2025-3-14T22:10:00Z",
                "２０２５-03-14T22:10:00Z"));
        Random random = new Random(7);
        String alphabet = "0123456789-:T.Z+";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder("2025-03-14T22:10:00.123+01:00");
            for (int k = random.nextInt(3); k >= 0; k--) {
                b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        int vouched = 0;
        for (String text : texts) {
            long quick = IsoInstants.epochMillis(text);
            if (quick != IsoInstants.UNSURE) {
                vouched++;
                assertThat(quick).as(text).isEqualTo(library(text));
                assertThat(IsoInstants.instant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            }
        }
        assertThat(IsoInstants.epochMillis("2025-03-14T22:10:00.5Z")).isEqualTo(library("2025-03-14T22:10:00.5Z"));
        assertThat(IsoInstants.epochMillis("2025-02-29T00:00:00Z")).isEqualTo(IsoInstants.UNSURE);
        assertThat(IsoInstants.epochMillis("2025-03-14T22:10:00-00:00")).as("offset unknown").isEqualTo(IsoInstants.UNSURE);
        assertThat(vouched).as("the usual shapes are read").isGreaterThan(1000);
    }
}
