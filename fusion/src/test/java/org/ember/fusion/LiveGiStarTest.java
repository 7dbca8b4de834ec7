package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.CellHotspots;
import org.ember.geo.layers.HotspotSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The live Gi* gives exactly what scoring from scratch gives, whatever arrives, leaves or is corrected when. */
class LiveGiStarTest {
    private static final long HOUR = 3_600_000L;
    private static final long START = 1_735_689_600_000L; // 2025-01-01

    private record Event(long time, String cell) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2025})
    void incrementalEqualsFromScratch(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HotspotSettings d = HotspotSettings.defaults();
        // Odd seeds: another window, study period and a band that reaches two cells straight but not diagonally.
        HotspotSettings settings = seed % 2 == 0 ? d
                : new HotspotSettings(Duration.ofDays(3), Duration.ofDays(10), 2.0, 1, 2, d.clusterEpsMetres(),
                        d.clusterEpsTime(), d.clusterMinPts(), d.clusterHorizon(), d.scan(), d.emergingSteps(),
                        d.emergingEvery(), d.snapshotEvery(), d.retention());
        LiveGiStar live = new LiveGiStar(settings);
        CellHotspots scratch = new CellHotspots(settings);
        Map<String, Event> events = new HashMap<>();
        // A few busy spots and a thin background, so that hot cells, halos and empty rings all occur.
        long[][] spots = {{1436, 691}, {1440, 695}, {1420, 700}};
        long asOf = START;
        int scored = 0;
        int hot = 0;
        for (int step = 0; step < 900; step++) {
            int action = random.nextInt(10);
            if (action < 6 || events.isEmpty()) {
                long[] spot = spots[random.nextInt(spots.length)];
                boolean background = random.nextInt(4) == 0;
                long column = background ? 1400 + random.nextInt(60) : spot[0] + random.nextInt(3) - 1;
                long row = background ? 680 + random.nextInt(40) : spot[1] + random.nextInt(3) - 1;
                // Mostly recent, some late, some ahead of the clock.
                long time = asOf - (long) (random.nextDouble() * 12 * 24 * HOUR) + random.nextInt(3) * HOUR;
                String id = "e" + step;
                String cell = new GridCell(250, column, row).id();
                events.put(id, new Event(time, cell));
                live.put(id, time, cell);
            } else if (action < 7) {
                String id = pick(random, events);
                events.remove(id);
                live.remove(id);
            } else if (action < 8) {
                String id = pick(random, events);
                Event moved = new Event(events.get(id).time() - HOUR, new GridCell(250, 1436, 691 + random.nextInt(2)).id());
                events.put(id, moved);
                live.put(id, moved.time(), moved.cell());
            } else {
                asOf += random.nextInt(20) == 0 ? 5 * 24 * HOUR : HOUR * (1 + random.nextInt(6));
                if (random.nextInt(50) == 0) {
                    asOf -= 2 * 24 * HOUR;
                }
                List<CellHotspots.CellEvent> all = new ArrayList<>();
                events.values().forEach(e -> all.add(new CellHotspots.CellEvent(e.cell(), e.time())));
                Map<String, CellHotspots.CellScore> expected = scratch.score(all, asOf);
                assertThat(live.score(asOf)).as("seed %d step %d", seed, step).isEqualTo(expected);
                scored += expected.size();
                hot += (int) expected.values().stream().filter(CellHotspots.CellScore::hot).count();
            }
        }
        assertThat(scored).as("cells were scored").isGreaterThan(100);
        assertThat(hot).as("some were hot").isPositive();
        for (String id : new ArrayList<>(events.keySet())) {
            live.remove(id);
        }
        assertThat(live.score(asOf)).isEmpty();
        assertThat(live.incidents()).isZero();
        assertThat(live.slots()).as("no cell is kept once nothing is in it").isZero();
    }

    private static String pick(SplittableRandom random, Map<String, Event> events) {
        List<String> ids = new ArrayList<>(events.keySet());
        ids.sort(null);
        return ids.get(random.nextInt(ids.size()));
    }
}
