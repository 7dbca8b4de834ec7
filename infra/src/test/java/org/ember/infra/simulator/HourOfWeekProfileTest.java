package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HourOfWeekProfileTest {

    @Test
    void theChicagoSeriesGives168WeightsSummingToOne() {
        HourOfWeekProfile profile = SimulatorFixtures.profile();

        double[] weights = profile.weights();
        assertThat(weights).hasSize(168);
        assertThat(Arrays.stream(weights).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(Arrays.stream(weights).min().orElseThrow()).isPositive();
        // PROVENANCE.md: 148,636 rows in the series, every one counted.
        assertThat(profile.events()).isEqualTo(148_636);
    }

    @Test
    void fridayAndSaturdayNightsAreHeavierThanTuesdayMornings() {
        HourOfWeekProfile profile = SimulatorFixtures.profile();

        // Friday night = Friday 22:00 to Saturday 02:59; Saturday night likewise into Sunday.
        double fridayNight = profile.weight(DayOfWeek.FRIDAY, 22) + profile.weight(DayOfWeek.FRIDAY, 23)
                + profile.weight(DayOfWeek.SATURDAY, 0) + profile.weight(DayOfWeek.SATURDAY, 1) + profile.weight(DayOfWeek.SATURDAY, 2);
        double saturdayNight = profile.weight(DayOfWeek.SATURDAY, 22) + profile.weight(DayOfWeek.SATURDAY, 23)
                + profile.weight(DayOfWeek.SUNDAY, 0) + profile.weight(DayOfWeek.SUNDAY, 1) + profile.weight(DayOfWeek.SUNDAY, 2);
        double tuesdayMorning = 0;
        for (int hour = 5; hour < 10; hour++) {
            tuesdayMorning += profile.weight(DayOfWeek.TUESDAY, hour);
        }

        assertThat(fridayNight).isGreaterThan(1.5 * tuesdayMorning);
        assertThat(saturdayNight).isGreaterThan(1.5 * tuesdayMorning);
        assertThat(profile.weight(DayOfWeek.SUNDAY, 1)).isGreaterThan(profile.weight(DayOfWeek.TUESDAY, 7));
    }

    @Test
    void eachRowIsCountedInItsOwnWeekdayAndHour() throws IOException {
        // 2024-06-01 is a Saturday, 2024-06-04 a Tuesday.
        String csv = """
                date,loc_cat,longitude,latitude,district
                2024-06-01 01:15,street,-87.6,41.8,1
                2024-06-01 01:59,street,-87.6,41.8,1
                2024-06-01 23:00,bar,-87.6,41.8,1
                2024-06-04 08:30,residence,-87.6,41.8,1
                """;

        HourOfWeekProfile profile = HourOfWeekProfile.fromCsv(new StringReader(csv));

        assertThat(profile.events()).isEqualTo(4);
        assertThat(profile.weight(DayOfWeek.SATURDAY, 1)).isEqualTo(0.5);
        assertThat(profile.weight(DayOfWeek.SATURDAY, 23)).isEqualTo(0.25);
        assertThat(profile.weight(DayOfWeek.TUESDAY, 8)).isEqualTo(0.25);
        assertThat(profile.weight(DayOfWeek.MONDAY, 0)).isZero();
    }

    @Test
    void anUnreadableTimeIsAnErrorNotASkippedRow() {
        String csv = "date,loc_cat\n2024-13-01 01:15,street\n";

        assertThatThrownBy(() -> HourOfWeekProfile.fromCsv(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }
}
