package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.geo.grid.GridCell;
import org.junit.jupiter.api.Test;

class CellHotspotsTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long AS_OF = 1_742_000_400_000L; // an hour boundary
    private final CellHotspots hotspots = new CellHotspots(HotspotSettings.defaults());

    private static String cell(long column, long row) {
        return new GridCell(250, column, row).id();
    }

    @Test
    void aPlantedClusterIsHotAgainstScatteredBackgroundAndOldOrFutureEventsDoNotCount() {
        Random random = new Random(7);
        List<CellHotspots.CellEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long when = AS_OF - (long) (random.nextDouble() * 27 * DAY) - 1;
            events.add(new CellHotspots.CellEvent(cell(1200 + random.nextInt(40), 700 + random.nextInt(40)), when));
        }
        String planted = cell(1273, 703);
        for (int i = 0; i < 6; i++) {
            events.add(new CellHotspots.CellEvent(planted, AS_OF - (i + 1) * 3_600_000L));
        }
        events.add(new CellHotspots.CellEvent(cell(1274, 703), AS_OF - 2 * 3_600_000L));
        events.add(new CellHotspots.CellEvent(planted, AS_OF)); // not yet in the window ending at AS_OF
        events.add(new CellHotspots.CellEvent(planted, AS_OF - 8 * DAY)); // before the 7-day window

        Map<String, CellHotspots.CellScore> scores = hotspots.score(events, AS_OF);

        CellHotspots.CellScore hot = scores.get(planted);
        assertThat(hot.count()).isEqualTo(6);
        assertThat(hot.bin()).isEqualTo(3);
        assertThat(hot.hot()).isTrue();
        assertThat(scores.values()).filteredOn(CellHotspots.CellScore::hot).extracting(CellHotspots.CellScore::cellId)
                .allSatisfy(id -> assertThat(GridCell.parse(id).column()).isBetween(1272L, 1275L));
        assertThat(scores.values()).filteredOn(s -> s.count() == 1).noneMatch(CellHotspots.CellScore::hot);
    }

    @Test
    void nothingInTheWindowScoresNothing() {
        assertThat(hotspots.score(List.of(new CellHotspots.CellEvent(cell(1, 1), AS_OF - 10 * DAY)), AS_OF)).isEmpty();
    }
}
