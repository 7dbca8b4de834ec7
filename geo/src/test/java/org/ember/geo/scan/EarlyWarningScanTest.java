package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EarlyWarningScanTest {
    private static final LocalDate DAY0 = LocalDate.of(2025, 1, 1);

    /** A 20 x 20 grid of 250 m cells (km coordinates). */
    private static List<ScanLocation> grid() {
        List<ScanLocation> cells = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                cells.add(new ScanLocation("c" + i + "_" + j, 0.125 + 0.25 * i, 0.125 + 0.25 * j));
            }
        }
        return cells;
    }

    private static Map<String, Integer> background(SplittableRandom r, List<ScanLocation> cells) {
        Map<String, Integer> day = new HashMap<>();
        for (int k = 0; k < 40; k++) {
            day.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        return day;
    }

    @Test
    void aPlantedOutbreakAlertsOnItsFirstDayAndQuietDaysDoNot() {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 16, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(1);
        int quietAlerts = 0;
        for (int d = 0; d < 150; d++) {
            quietAlerts += scan.addDay(DAY0.plusDays(d), background(r, cells)).alerts().size();
        }
        assertThat(quietAlerts).isLessThanOrEqualTo(1);
        Map<String, Integer> outbreak = background(r, cells);
        for (String id : List.of("c5_5", "c5_6", "c6_5")) {
            outbreak.merge(id, 4, Integer::sum);
        }
        EarlyWarningScan.Day day = scan.addDay(DAY0.plusDays(150), outbreak);
        assertThat(day.alerts()).isNotEmpty();
        assertThat(day.alerts().get(0).cells()).contains("c5_5", "c5_6", "c6_5");
        assertThat(day.alerts().get(0).start()).isEqualTo(DAY0.plusDays(150));
        assertThat(day.cellScores().get("c5_5")).isEqualTo(day.topScore());
    }

    @Test
    void aPermanentRiseAlertsOnceThenIsAbsorbed() {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 12, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(2);
        for (int d = 0; d < 150; d++) {
            scan.addDay(DAY0.plusDays(d), background(r, cells));
        }
        int alertDays = 0;
        int first = -1;
        for (int d = 150; d < 330; d++) {
            Map<String, Integer> today = background(r, cells);
            today.merge("c10_10", 3, Integer::sum); // a new venue: 3 more a day from now on
            boolean hit = scan.addDay(DAY0.plusDays(d), today).alerts().stream()
                    .anyMatch(c -> c.cells().contains("c10_10"));
            if (hit) {
                alertDays++;
                first = first < 0 ? d : first;
            }
        }
        assertThat(first).as("alerted within 3 days").isBetween(150, 152);
        assertThat(alertDays).isEqualTo(1);
    }

    @Test
    void refusesGapsAndUnknownCells() {
        EarlyWarningScan scan = new EarlyWarningScan(grid(), CoordinateSystem.CARTESIAN,
                EarlyWarningSettings.defaults(10));
        scan.addDay(DAY0, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.addDay(DAY0.plusDays(2), Map.of()))
                .hasMessageContaining("expected");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.addDay(DAY0.plusDays(1), Map.of("zz", 1)))
                .hasMessageContaining("unknown location zz");
    }
}
