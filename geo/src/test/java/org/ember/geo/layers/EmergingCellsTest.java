package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.ember.geo.emerging.HotSpotCategory;
import org.ember.geo.grid.GridCell;
import org.junit.jupiter.api.Test;

class EmergingCellsTest {

    @Test
    void aCellThatTurnsBusyInTheLastDaysIsHotNowAndQuietCellsAreNot() {
        Random random = new Random(5);
        Map<String, long[]> daily = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                long[] counts = new long[14];
                for (int d = 0; d < 14; d++) {
                    counts[d] = random.nextDouble() < 0.15 ? 1 : 0;
                }
                daily.put(new GridCell(250, 1000 + i, 700 + j).id(), counts);
            }
        }
        String planted = new GridCell(250, 1004, 704).id();
        long[] rising = new long[14];
        rising[11] = 4;
        rising[12] = 5;
        rising[13] = 6;
        daily.put(planted, rising);

        Map<String, HotSpotCategory> categories = new EmergingCells(1.5).classify(daily);

        assertThat(categories).hasSize(64);
        assertThat(EmergingCells.hotNow(categories.get(planted))).as(categories.get(planted).label()).isTrue();
        long quietHot = categories.entrySet().stream()
                .filter(e -> !e.getKey().equals(planted) && EmergingCells.hotNow(e.getValue())).count();
        assertThat(quietHot).isLessThan(16);
    }
}
