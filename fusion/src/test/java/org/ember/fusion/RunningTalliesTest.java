package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The running tallies ({@link RunningTallies}) and cell summaries ({@link CellSummaries}) equal
 * what counting afresh from state gives ({@link AreaTallies#incidents}, {@link CellSummaries#fromScratch}),
 * read at random moments of one authority's analytics driven through random arrivals, late
 * reports, corrections (moved in place and time, changed feeds), cancellations, restarts (the task
 * memory lost), hourly ticks (window edges, expiry, cluster changes) and reads at times behind and
 * ahead of the last tick, as signals make. Incidents often fall on whole hours, so that window edges
 * coincide with evaluation times.
 */
class RunningTalliesTest {
    private static final long HOUR = 3_600_000L;
    private static final List<List<String>> FEEDS = List.of(List.of("police"), List.of("ae"), List.of("ambulance"),
            List.of("ae", "police"), List.of("ambulance", "police"), List.of("ae", "ambulance", "police"),
            List.of("ae", "ambulance"));

    private final FusionSettings settings = FusionFixtures.withScanReplications(19);
    private final FusionContext context = FusionContext.of(settings, FusionFixtures.SHAPES, null);
    private final LadState state = FusionFixtures.memoryState();
    private final FusionFixtures.Collected out = new FusionFixtures.Collected();
    private final TreeSet<Long> timers = new TreeSet<>();
    private LadCache cache = new LadCache(context, true);
    private long watermark = Long.MIN_VALUE;
    private long lastTick = Long.MIN_VALUE;
    private int compared;
    private int nonEmpty;
    private int clustered;
    private int multiAgencyEvidence;
    private int hotCells;

    private LadAnalytics analytics() {
        return new LadAnalytics(FusionFixtures.CARDIFF, context, state, cache, out);
    }

    private LadScope scope() {
        return new LadScope(FusionFixtures.CARDIFF, context, state, cache, out);
    }

    private void advanceTo(long time) {
        while (!timers.isEmpty() && timers.first() <= time) {
            long t = timers.pollFirst();
            watermark = Math.max(watermark, t);
            long next = analytics().onTimer(t);
            lastTick = t;
            if (next > t) {
                timers.add(next);
            }
        }
        watermark = Math.max(watermark, time);
    }

    private void send(LinkedIncident incident) {
        analytics().onIncident(incident, watermark);
        timers.add(LadAnalytics.nextHour(Math.max(incident.eventTime(), watermark)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2025})
    void runningTalliesAndCellSummariesEqualCountingAfresh(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 40, -3.20, 51.47, 0.05, 0.03);
        Set<String> keys = new HashSet<>();
        keys.add("lad:" + FusionFixtures.CARDIFF);
        places.forEach(p -> keys.add("lsoa:" + p.lsoa()));
        keys.add("lsoa:W01999999"); // an area with nothing in it
        List<LinkedIncident> sent = new ArrayList<>();
        long clock = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
        for (int n = 0; n < 700; n++) {
            clock += (long) (random.nextDouble() * 0.5 * HOUR);
            int what = random.nextInt(100);
            LinkedIncident incident;
            if (what < 7 && !sent.isEmpty()) {
                LinkedIncident was = sent.get(random.nextInt(sent.size()));
                incident = FusionFixtures.incident(was.incidentId(), was.revision() + 1, "cancelled", true,
                        Instant.ofEpochMilli(was.eventTime()), places.get(0), was.feeds(), was.weapon(), 0, null);
            } else if (what < 17 && !sent.isEmpty()) {
                LinkedIncident was = sent.get(random.nextInt(sent.size()));
                boolean move = random.nextBoolean();
                incident = FusionFixtures.incident(was.incidentId(), was.revision() + 1, "corrected", false,
                        Instant.ofEpochMilli(move ? was.eventTime() - random.nextInt(3) * HOUR : was.eventTime()),
                        move ? places.get(random.nextInt(places.size())) : placeOf(was, places),
                        FEEDS.get(random.nextInt(FEEDS.size())), random.nextBoolean(), random.nextInt(3), "15-17");
            } else {
                long at = clock - (random.nextInt(6) == 0 ? random.nextInt(40) * HOUR : 0)
                        + (random.nextInt(10) == 0 ? 2 * HOUR : 0); // some late, some ahead of the clock
                if (random.nextInt(3) == 0) {
                    at = Math.floorDiv(at, HOUR) * HOUR; // on a whole hour: on a window edge at some tick
                }
                Placement where = places.get(random.nextInt(random.nextInt(3) == 0 ? 4 : places.size()));
                incident = FusionFixtures.incident("LI-" + n, 1, "created", false, Instant.ofEpochMilli(at), where,
                        FEEDS.get(random.nextInt(FEEDS.size())), random.nextInt(5) == 0, random.nextInt(3), "18-24");
            }
            sent.add(incident);
            advanceTo(clock - HOUR / 2);
            send(incident);
            if (random.nextInt(4) == 0) {
                long t = random.nextBoolean() ? watermark : lastTick == Long.MIN_VALUE ? clock
                        : lastTick - random.nextInt(3) * HOUR + random.nextInt(6) * HOUR / 2;
                compare(keys, t);
            }
            if (random.nextInt(200) == 0) {
                cache = new LadCache(context, true); // a restart: task memory lost
            }
        }
        for (int h = 0; h < 24 * 10; h++) {
            clock += HOUR;
            advanceTo(clock);
            if (h % 5 == 0) {
                compare(keys, lastTick);
            }
        }
        advanceTo(clock + 40 * 24 * HOUR);
        compare(keys, lastTick);
        assertThat(state.events().isEmpty()).isTrue();

        assertThat(compared).isGreaterThan(150);
        assertThat(nonEmpty).as("areas with something counted").isGreaterThan(1000);
        assertThat(clustered).as("areas with clustered incidents").isGreaterThan(50);
        assertThat(multiAgencyEvidence).as("areas with several multi-agency incidents").isGreaterThan(50);
        assertThat(hotCells).as("areas with hot cells").isGreaterThan(10);
    }

    private static Placement placeOf(LinkedIncident was, List<Placement> places) {
        for (Placement p : places) {
            if (p.cell() != null && p.cell().equals(was.cell()) && p.lsoa().equals(was.lsoa())
                    && p.easting() == was.easting() && p.northing() == was.northing()) {
                return p;
            }
        }
        return places.get(1);
    }

    private void compare(Set<String> keys, long asOf) {
        LadScope lad = scope();
        Map<String, AreaTally> running = RunningTallies.of(lad, asOf).at(lad, keys, asOf);
        Map<String, AreaTally> scratch = new AreaTallies(lad, keys, asOf).incidents(Publish.valuesOnDemand(state.events()));
        Map<String, CellSummary> runningCells = CellSummaries.of(lad).of(keys);
        Map<String, CellSummary> scratchCells = CellSummaries.fromScratch(lad, keys);
        for (String key : keys) {
            String live = describe(running.getOrDefault(key, new AreaTally()));
            String afresh = describe(scratch.getOrDefault(key, new AreaTally()));
            assertThat(live).as("tally of %s at %s", key, Instant.ofEpochMilli(asOf)).isEqualTo(afresh);
            assertThat(describe(runningCells.getOrDefault(key, new CellSummary())))
                    .as("cells of %s at %s", key, Instant.ofEpochMilli(asOf))
                    .isEqualTo(describe(scratchCells.getOrDefault(key, new CellSummary())));
            AreaTally t = scratch.get(key);
            if (t != null && t.all[1] > 0) {
                nonEmpty++;
            }
            if (t != null && t.clusterMembers > 0) {
                clustered++;
            }
            if (t != null && t.multiAgencyIds().size() > 1) {
                multiAgencyEvidence++;
            }
            CellSummary c = scratchCells.get(key);
            if (c != null && !c.hot.isEmpty()) {
                hotCells++;
            }
        }
        compared++;
    }

    private static String describe(AreaTally t) {
        return "all " + Arrays.toString(t.all) + " multi " + Arrays.toString(t.multiAgency) + " healthOnly "
                + Arrays.toString(t.healthOnly) + " healthRecorded " + Arrays.toString(t.healthRecorded) + " serious "
                + Arrays.toString(t.serious) + " agencies " + t.agencies + " multiIds " + t.multiAgencyIds()
                + " members " + t.clusterMembers + " clusters " + t.clusters;
    }

    private static String describe(CellSummary s) {
        return "giMax " + s.giMax + " hot " + s.hot + " emerging " + s.emerging;
    }

    /** Edges exactly: an incident at asOf counts, one at asOf − 24 h does not (but within 7 days does), and back again. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1})
    void windowEdgesAreCountedAsFromScratchGoingForwardAndBack(long offset) {
        Placement where = FusionFixtures.cardiffCentre();
        long t0 = Instant.parse("2025-03-10T12:00:00Z").toEpochMilli();
        send(FusionFixtures.incident("A", 1, "created", false, Instant.ofEpochMilli(t0 + offset), where,
                List.of("ae", "police"), true, 1, "15-17"));
        send(FusionFixtures.incident("B", 1, "created", false, Instant.ofEpochMilli(t0 - 7 * 24 * HOUR + offset), where,
                List.of("police"), false, 0, null));
        Set<String> keys = Set.of("lad:" + FusionFixtures.CARDIFF, "lsoa:" + where.lsoa());
        TreeMap<Long, String> seen = new TreeMap<>();
        for (long t : new long[] {t0 - HOUR, t0, t0 + 24 * HOUR, t0 + 24 * HOUR - 1, t0 + 7 * 24 * HOUR, t0 - 1, t0,
                t0 + 3 * HOUR, t0 - 2 * 24 * HOUR}) {
            compare(keys, t);
            seen.put(t, describe(RunningTallies.of(scope(), t).at(scope(), keys, t).getOrDefault("lsoa:" + where.lsoa(),
                    new AreaTally())));
        }
        assertThat(seen.get(t0)).startsWith(offset == 0 ? "all [1, 1]" : "all [0, 1]");
        assertThat(seen.get(t0 + 24 * HOUR - 1)).startsWith("all [1, 1]");
        assertThat(seen.get(t0 + 24 * HOUR)).startsWith(offset == 0 ? "all [0, 1]" : "all [1, 1]");
    }

    /**
     * The cell summaries brought up to date after a wholesale change (published cells cleared or
     * rewritten, emerging categories replaced: {@link CellSummaries#forget}) equal the summaries built
     * afresh, and so do those changed one cell at a time in between ({@link CellSummaries#changed}):
     * random cells, LSOAs, z (repeated values, ties for the largest, negatives), hot flags and categories.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 11, 29})
    void cellSummariesBroughtUpToDateEqualThoseBuiltAfresh(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        org.ember.geo.emerging.HotSpotCategory[] categories = org.ember.geo.emerging.HotSpotCategory.values();
        List<String> lsoas = List.of("W01001701", "W01001702", "W01001703", "W01001704");
        Set<String> keys = new HashSet<>();
        keys.add("lad:" + FusionFixtures.CARDIFF);
        lsoas.forEach(l -> keys.add("lsoa:" + l));
        LadScope lad = scope();
        int refreshed = 0;
        // What each area's summary said after the last look (the running summaries are exact: checked below).
        Map<String, String> said = new HashMap<>();
        int named = 0;
        int unnamed = 0;
        for (int round = 0; round < 300; round++) {
            int what = random.nextInt(10);
            if (what == 0) {
                Publish.clearBook(state.cells());
                CellSummaries.forget(cache);
            } else if (what <= 2) {
                for (int k = 0; k < 40; k++) {
                    String cell = "250m:" + (1270 + random.nextInt(8)) + ":" + (710 + random.nextInt(8));
                    if (random.nextInt(3) == 0) {
                        state.emerging().remove(cell);
                    } else {
                        state.emerging().put(cell, categories[random.nextInt(categories.length)].name());
                    }
                }
                CellSummaries.forget(cache);
            } else {
                String cell = "250m:" + (1270 + random.nextInt(8)) + ":" + (710 + random.nextInt(8));
                if (random.nextInt(6) == 0) {
                    state.cells().remove(cell);
                } else {
                    Map<String, Double> values = Map.of(CellLayer.CELL_COUNT, (double) random.nextInt(3),
                            CellLayer.GI_Z, random.nextInt(4) == 0 ? 1.5 : Math.round(random.nextDouble(-3, 4) * 100) / 100.0);
                    Map<String, String> labels = random.nextInt(8) == 0 ? Map.of("hot", "false")
                            : Map.of("hot", Boolean.toString(random.nextBoolean()), "lsoa", lsoas.get(random.nextInt(lsoas.size())));
                    state.cells().put(cell, new Published(values, labels, List.of()));
                }
                if (random.nextInt(5) != 0) {
                    Set<String> moved = new HashSet<>();
                    if (CellSummaries.changed(lad, cell, moved::add)) { // else: left to a later wholesale refresh
                        // An area the change does not name says what it said before (it is not marked for evaluation).
                        Map<String, CellSummary> now = CellSummaries.fromScratch(lad, keys);
                        for (String key : keys) {
                            String after = describe(now.getOrDefault(key, new CellSummary()));
                            if (moved.contains(key)) {
                                named++;
                            } else {
                                assertThat(after).as("unnamed %s after %s in round %d", key, cell, round)
                                        .isEqualTo(said.get(key));
                                unnamed++;
                            }
                            said.put(key, after);
                        }
                    }
                    continue;
                }
                CellSummaries.forget(cache);
            }
            Map<String, CellSummary> running = CellSummaries.of(lad).of(keys);
            Map<String, CellSummary> scratch = CellSummaries.fromScratch(lad, keys);
            for (String key : keys) {
                assertThat(describe(running.getOrDefault(key, new CellSummary())))
                        .as("cells of %s in round %d", key, round)
                        .isEqualTo(describe(scratch.getOrDefault(key, new CellSummary())));
                said.put(key, describe(scratch.getOrDefault(key, new CellSummary())));
            }
            refreshed++;
        }
        assertThat(refreshed).isGreaterThan(50);
        // Both kinds happen: changes that move an area's summary, and changes that leave it (not marked).
        assertThat(named).isGreaterThan(20);
        assertThat(unnamed).isGreaterThan(100);
    }
}
