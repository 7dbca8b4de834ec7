package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanLocation;
import org.junit.jupiter.api.Test;

class DailyScanTest {
    private static final LocalDate LAST = LocalDate.of(2025, 3, 15);

    @Test
    void casesPlantedInTwoNeighbouringAreasOnTheLastDaysAreAClusterWithALongRecurrenceInterval() {
        List<ScanLocation> locations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                locations.add(new ScanLocation("L" + i + j, 51.47 + 0.005 * i, -3.20 + 0.008 * j));
            }
        }
        Random random = new Random(3);
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        for (int back = 0; back < 28; back++) {
            Map<String, Integer> day = new HashMap<>();
            for (ScanLocation l : locations) {
                if (random.nextDouble() < 0.3) {
                    day.put(l.id(), 1);
                }
            }
            counts.put(LAST.minusDays(back), day);
        }
        counts.get(LAST).merge("L22", 6, Integer::sum);
        counts.get(LAST).merge("L23", 4, Integer::sum);
        counts.get(LAST.minusDays(1)).merge("L22", 3, Integer::sum);
        counts.put(LAST.minusDays(40), Map.of("L00", 50)); // outside the study period: ignored
        counts.get(LAST).put("NOT-A-LOCATION", 9);

        List<ScanCluster> clusters = new DailyScan(ScanSettings.defaults().withReplications(199)).run(locations, LAST, counts, 1);

        assertThat(clusters).isNotEmpty();
        ScanCluster top = clusters.get(0);
        assertThat(top.locations()).contains("L22");
        assertThat(top.end()).isEqualTo(LAST);
        assertThat(top.recurrenceDays()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void noCasesNoClusters() {
        List<ScanLocation> locations = List.of(new ScanLocation("A", 51.47, -3.2), new ScanLocation("B", 51.48, -3.2));
        assertThat(new DailyScan(ScanSettings.defaults()).run(locations, LAST, Map.of(), 1)).isEmpty();
    }
}
