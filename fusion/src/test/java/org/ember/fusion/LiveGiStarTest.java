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

    /** Called at each clock move of the random run. */
    private interface Tick {
        void at(long asOf, int step, Map<String, Event> events);
    }

    /** Odd seeds: another window, study period and a band that reaches two cells straight but not diagonally. */
    private static HotspotSettings settings(long seed) {
        HotspotSettings d = HotspotSettings.defaults();
        return seed % 2 == 0 ? d
                : new HotspotSettings(Duration.ofDays(3), Duration.ofDays(10), 2.0, 1, 2, d.clusterEpsMetres(),
                        d.clusterEpsTime(), d.clusterMinPts(), d.clusterHorizon(), d.scan(), d.emergingSteps(),
                        d.emergingEvery(), d.snapshotEvery(), d.retention());
    }

    /** Random arrivals, removals, corrections and clock moves (now and then backwards); then everything leaves. */
    private static long drive(long seed, LiveGiStar live, Tick tick) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Event> events = new HashMap<>();
        // A few busy spots and a thin background, so that hot cells, halos and empty rings all occur.
        long[][] spots = {{1436, 691}, {1440, 695}, {1420, 700}};
        long asOf = START;
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
                tick.at(asOf, step, events);
            }
        }
        for (String id : new ArrayList<>(events.keySet())) {
            live.remove(id);
        }
        return asOf;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2025})
    void incrementalEqualsFromScratch(long seed) {
        HotspotSettings settings = settings(seed);
        LiveGiStar live = new LiveGiStar(settings);
        CellHotspots scratch = new CellHotspots(settings);
        int[] scored = {0};
        int[] hot = {0};
        long asOf = drive(seed, live, (at, step, events) -> {
            List<CellHotspots.CellEvent> all = new ArrayList<>();
            events.values().forEach(e -> all.add(new CellHotspots.CellEvent(e.cell(), e.time())));
            Map<String, CellHotspots.CellScore> expected = scratch.score(all, at);
            assertThat(live.score(at)).as("seed %d step %d", seed, step).isEqualTo(expected);
            scored[0] += expected.size();
            hot[0] += (int) expected.values().stream().filter(CellHotspots.CellScore::hot).count();
        });
        assertThat(scored[0]).as("cells were scored").isGreaterThan(100);
        assertThat(hot[0]).as("some were hot").isPositive();
        assertThat(live.score(asOf)).isEmpty();
        assertThat(live.incidents()).isZero();
        assertThat(live.slots()).as("no cell is kept once nothing is in it").isZero();
        assertThat(live.driftClasses()).as("no class is kept once nothing is scored").isZero();
    }

    /** What a cell was last published with, by the cell layer's rule. */
    private record Shown(long count, double z, int bin) {
        static Shown of(CellHotspots.CellScore s) {
            return new Shown(s.count(), Publish.round(s.z()), s.bin());
        }

        boolean staleFor(CellHotspots.CellScore now) {
            Shown next = of(now);
            return next.count != count || next.bin != bin || (next.z == 0) != (z == 0)
                    || Publish.moved(z, next.z, CellLayer.Z_TOLERANCE);
        }
    }

    /**
     * The cells {@link LiveGiStar#changed} names include every cell whose score would publish
     * something new (a count, a bin, a z moved by the tolerance, a cell appearing or leaving), and
     * far fewer than all of them: a cell untouched whose z drifts only with the study area's mean
     * and variance is named once its drift could matter.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2025})
    void changedNamesEveryCellWhoseScoreIsNews(long seed) {
        LiveGiStar live = new LiveGiStar(settings(seed));
        Map<String, Shown> shown = new HashMap<>();
        int[] named = {0};
        int[] scored = {0};
        int[] news = {0};
        drive(seed, live, (at, step, events) -> {
            Map<String, CellHotspots.CellScore> now = live.score(at);
            java.util.Set<String> changed = live.changed(at);
            java.util.Set<String> stale = new java.util.TreeSet<>();
            now.forEach((cell, score) -> {
                Shown before = shown.get(cell);
                if (before == null || before.staleFor(score)) {
                    stale.add(cell);
                }
            });
            shown.keySet().stream().filter(cell -> !now.containsKey(cell)).forEach(stale::add);
            assertThat(changed).as("seed %d step %d", seed, step).containsAll(stale);
            for (String cell : changed) {
                CellHotspots.CellScore score = now.get(cell);
                assertThat(live.scoreOf(cell)).as("score of %s", cell).isEqualTo(score);
                if (score == null) {
                    shown.remove(cell);
                } else if (stale.contains(cell)) {
                    shown.put(cell, Shown.of(score));
                }
                live.published(cell, shown.containsKey(cell) ? shown.get(cell).z() : Double.NaN, false);
            }
            named[0] += changed.size();
            scored[0] += now.size();
            news[0] += stale.size();
        });
        assertThat(news[0]).as("cells were news").isGreaterThan(50);
        assertThat(named[0]).as("cells named").isGreaterThanOrEqualTo(news[0]);
    }

    /**
     * A city's week (1,500 incidents over 30 × 30 cells), then one incident an hour for two days:
     * each hour names the cells around the new one and the ones leaving the window, and the few
     * whose drift could show, not the hundreds scored (about 12 %: nine incidents leave an hour here).
     */
    @org.junit.jupiter.api.Test
    void aQuietHourNamesAFewCellsNotTheCity() {
        LiveGiStar live = new LiveGiStar(HotspotSettings.defaults());
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_500; i++) {
            // Denser towards the middle, so that the study area has hot and cold cells.
            long column = 1400 + Math.round(15 + 7 * random.nextGaussian());
            long row = 680 + Math.round(15 + 7 * random.nextGaussian());
            live.put("b" + i, START - (long) (random.nextDouble() * 7 * 24 * HOUR), new GridCell(250, column, row).id());
        }
        long asOf = START;
        live.changed(asOf);
        int named = 0;
        int scored = 0;
        for (int hour = 1; hour <= 48; hour++) {
            asOf += HOUR;
            long column = 1400 + random.nextInt(30);
            long row = 680 + random.nextInt(30);
            live.put("h" + hour, asOf - HOUR / 2, new GridCell(250, column, row).id());
            java.util.Set<String> changed = live.changed(asOf);
            for (String cell : changed) {
                CellHotspots.CellScore score = live.scoreOf(cell);
                live.published(cell, score == null ? Double.NaN : Publish.round(score.z()), false);
            }
            named += changed.size();
            scored += live.score(asOf).size();
        }
        assertThat(scored / 48).as("cells scored an hour").isGreaterThan(400);
        assertThat(named).as("cells named in 48 hours, of %d scored", scored).isLessThan(scored / 6);
    }

    private static String pick(SplittableRandom random, Map<String, Event> events) {
        List<String> ids = new ArrayList<>(events.keySet());
        ids.sort(null);
        return ids.get(random.nextInt(ids.size()));
    }
}
