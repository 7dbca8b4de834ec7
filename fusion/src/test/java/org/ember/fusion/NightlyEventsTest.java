package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.calendar.LondonHours;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nightly dating of incidents gives each the local day {@link LondonHours#localDate} gives, across clock changes. */
class NightlyEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-30", "2025-03-29", "2025-10-26", "2025-10-27", "2025-07-01", "2025-01-01"})
    void eachIncidentGetsItsLondonDay(String night) {
        LocalDate day = LocalDate.parse(night);
        SplittableRandom random = new SplittableRandom(day.toEpochDay());
        LadState state = FusionFixtures.memoryState();
        long end = day.plusDays(1).atStartOfDay(LondonHours.LONDON).toInstant().toEpochMilli();
        for (int k = 0; k < 3000; k++) {
            // Mostly the 28 days kept, some far before and after; many on the hour and at day edges.
            long back = random.nextInt(10) == 0 ? random.nextLong(-10L * 86_400_000, 90L * 86_400_000)
                    : random.nextLong(29L * 86_400_000);
            long t = end - back;
            if (random.nextInt(4) == 0) {
                t = t - Math.floorMod(t, 3_600_000L) - (random.nextBoolean() ? 1 : 0);
            }
            state.events().put("e" + k, new FusedEvent("e" + k, t, null, null, 0, 0, 0, 0, false, List.of("police"),
                    false, false, false));
        }
        NightlyEvents nightly = NightlyEvents.of(state, day);
        assertThat(nightly.size()).isEqualTo(3000);
        for (int k = 0; k < nightly.size(); k++) {
            assertThat(nightly.epochDay(k)).as("%s", Instant.ofEpochMilli(nightly.event(k).time()))
                    .isEqualTo(LondonHours.localDate(Instant.ofEpochMilli(nightly.event(k).time())).toEpochDay());
        }
    }
}
