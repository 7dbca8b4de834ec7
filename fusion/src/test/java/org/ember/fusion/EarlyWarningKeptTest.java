package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.area.Placement;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.scan.EarlyWarningScan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The early-warning scanner kept in task memory from night to night ({@link EarlyWarningKept})
 * against restoring it from state every night, and against the from-scratch layer: months of random
 * incidents (bursts that alert and are absorbed, records placed only in an LSOA or in no LSOA, late
 * records for closed days at known and at new cells, corrections, cancellations, nights without a
 * tick, expiry out of the 28 days kept) must leave the very same history in state after every
 * change and every night, and the kept scanner must be its history's snapshot at all times.
 */
class EarlyWarningKeptTest {
    private static final long DAY = 24 * 3_600_000L;

    /** One authority's early-warning layer over its own state, driven as {@link LadAnalytics} drives it. */
    private static final class World {
        final LadState state = FusionFixtures.memoryState();
        final FusionContext context;
        final boolean incremental;
        final boolean keepCache;
        LadCache cache;

        World(FusionContext context, boolean incremental, boolean keepCache) {
            this.context = context;
            this.incremental = incremental;
            this.keepCache = keepCache;
            this.cache = new LadCache(context, incremental);
        }

        LadScope scope() {
            if (!keepCache) {
                cache = new LadCache(context, incremental); // no task memory: restored from state every time
            }
            return new LadScope(FusionFixtures.CARDIFF, context, state, cache, new FusionFixtures.Collected());
        }

        void change(FusedEvent previous, FusedEvent next) {
            LadScope scope = scope();
            new EarlyWarningLayer(scope).onIncident(previous, next);
            String id = previous != null ? previous.id() : next.id();
            if (next == null) {
                state.events().remove(id);
            } else {
                state.events().put(id, next);
            }
            if (cache.eventTimes != null) {
                cache.eventTimes.replace(previous, next);
            }
        }

        /** The tick at local midnight {@code asOf}: expiry of the incidents older than 28 days, then the day closes. */
        void close(long asOf) {
            long keepFrom = asOf - Duration.ofDays(28).toMillis();
            for (FusedEvent e : Publish.values(state.events())) {
                if (e.time() < keepFrom) {
                    state.events().remove(e.id());
                    if (cache.eventTimes != null) {
                        cache.eventTimes.replace(e, null);
                    }
                }
            }
            new EarlyWarningLayer(scope()).run(LondonHours.localDate(Instant.ofEpochMilli(asOf - 1)));
        }
    }

    private static FusedEvent event(String id, long time, Placement where, int kind) {
        return switch (kind) {
            case 0 -> new FusedEvent(id, time, where.lsoa(), null, 0, 0, 0, 0, false, List.of("police"), false, false, false);
            case 1 -> new FusedEvent(id, time, null, where.cell(), where.easting(), where.northing(), where.lon(),
                    where.lat(), true, List.of("police"), false, false, false);
            default -> FusedEvent.of(FusionFixtures.assault(id, Instant.ofEpochMilli(time), where), false);
        };
    }

    /** The kept scanner's snapshot is the history in state (ids, labels, days, counts, excess, alerted). */
    private static void keptIsItsHistory(World w) {
        EarlyWarningKept kept = w.cache.earlyWarning;
        if (kept == null) {
            return;
        }
        EarlyWarningHistory h = w.state.earlyWarning().get();
        assertThat(kept.matches(h)).isTrue();
        EarlyWarningScan.Snapshot s = kept.scan.snapshot();
        assertThat(s.ids()).containsExactly(h.ids());
        assertThat(kept.ids).containsExactly(h.ids());
        assertThat(kept.lsoas).containsExactly(h.lsoas());
        assertThat(s.lastDay().toEpochDay()).isEqualTo(h.lastEpochDay());
        assertThat(s.daysSeen()).isEqualTo(h.daysSeen());
        assertThat(s.excess()).isEqualTo(h.excess());
        assertThat(s.alerted()).isEqualTo(h.alerted());
        int n = h.ids().length;
        int[] flat = new int[s.countsByBack().length * n];
        for (int back = 0; back < s.countsByBack().length; back++) {
            System.arraycopy(s.countsByBack()[back], 0, flat, back * n, n);
        }
        assertThat(flat).isEqualTo(h.counts());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 17, 2025, 90210})
    void theScannerKeptFromNightToNightIsWhatRestoringFromStateGives(long seed) {
        FusionSettings settings = FusionSettings.defaults();
        FusionContext context = FusionContext.of(settings, FusionFixtures.SHAPES, null);
        World kept = new World(context, true, true);
        World restored = new World(context, true, false);
        World scratch = new World(context, false, false);
        List<World> worlds = List.of(kept, restored, scratch);
        SplittableRandom random = new SplittableRandom(seed);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 50, -3.20, 51.47, 0.05, 0.025);
        List<Placement> rare = FusionFixtures.cardiffPlaces(random::nextDouble, 200, -3.20, 51.47, 0.08, 0.04);
        // Points whose records never carry an LSOA (cells of their own, east of the others).
        List<Placement> unlabelled = FusionFixtures.cardiffPlaces(random::nextDouble, 5, -3.13, 51.49, 0.005, 0.005);
        long start = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
        List<FusedEvent> live = new ArrayList<>();
        int n = 0;
        int reused = 0;
        int moved = 0;
        int alerts = 0;
        long lateChanges = 0;
        for (int day = 0; day < 130; day++) {
            long dayStart = start + day * DAY;
            int records = 3 + random.nextInt(5) + (random.nextInt(15) == 0 ? 12 : 0);
            Placement burst = places.get(random.nextInt(places.size()));
            for (int k = 0; k < records; k++) {
                long at = dayStart + random.nextLong(DAY - 60_000);
                int what = random.nextInt(100);
                FusedEvent previous = null;
                FusedEvent next;
                if (what < 5 && !live.isEmpty()) {
                    previous = live.remove(random.nextInt(live.size())); // cancelled
                    next = null;
                } else if (what < 10 && !live.isEmpty()) {
                    previous = live.remove(random.nextInt(live.size())); // corrected: moved in place and time
                    next = event(previous.id(), previous.time() - random.nextLong(3 * DAY),
                            places.get(random.nextInt(places.size())), 2);
                } else if (what < 20 && day > 0) {
                    // Late: for a day closed 1 to 12 days ago, at a known cell or one never seen.
                    long lateAt = dayStart - (1 + random.nextInt(12)) * DAY + random.nextLong(DAY - 60_000);
                    List<Placement> from = random.nextInt(3) == 0 ? rare : places;
                    next = event("LI-" + n++, lateAt, from.get(random.nextInt(from.size())), random.nextInt(8) == 0 ? 0 : 2);
                } else {
                    Placement where = records > 10 && k % 2 == 0 ? burst : places.get(random.nextInt(places.size()));
                    int kind = random.nextInt(20);
                    next = kind == 1 ? event("LI-" + n++, at, unlabelled.get(random.nextInt(unlabelled.size())), 1)
                            : event("LI-" + n++, at, where, kind == 0 ? 0 : 2);
                }
                if (next != null) {
                    live.add(next);
                }
                for (World w : worlds) {
                    w.change(previous, next);
                }
                assertThat(restored.state.earlyWarning().get()).isEqualTo(kept.state.earlyWarning().get())
                        .isEqualTo(scratch.state.earlyWarning().get());
                keptIsItsHistory(kept);
            }
            live.removeIf(e -> e.time() < dayStart + DAY - Duration.ofDays(28).toMillis());
            if (random.nextInt(12) == 0) {
                continue; // no tick this night: the next close adds the day missed
            }
            if (random.nextInt(40) == 0) {
                kept.cache = new LadCache(context, true); // a restart: restored from state once
            }
            EarlyWarningKept before = kept.cache.earlyWarning;
            for (World w : worlds) {
                w.close(dayStart + DAY);
            }
            EarlyWarningHistory h = kept.state.earlyWarning().get();
            assertThat(restored.state.earlyWarning().get()).as("day %d", day).isEqualTo(h)
                    .isEqualTo(scratch.state.earlyWarning().get());
            keptIsItsHistory(kept);
            if (before != null && kept.cache.earlyWarning != null) {
                if (kept.cache.earlyWarning.scan == before.scan) {
                    reused++;
                } else {
                    moved++;
                }
            }
            for (boolean a : h.alerted()) {
                alerts += a ? 1 : 0;
            }
            lateChanges = h.lateChanges();
        }
        assertThat(reused).as("nights the kept scanner carried on").isGreaterThan(20);
        assertThat(moved).as("nights its cells changed").isGreaterThan(5);
        assertThat(alerts).as("cells carrying absorbed excess, summed over nights").isPositive();
        assertThat(lateChanges).as("late changes followed").isGreaterThan(50);
        assertThat(kept.state.earlyWarning().get().daysSeen()).isGreaterThan(100);
        assertThat(Arrays.stream(kept.state.earlyWarning().get().lsoas()).anyMatch(String::isEmpty))
                .as("a cell with no LSOA").isTrue();
    }
}
