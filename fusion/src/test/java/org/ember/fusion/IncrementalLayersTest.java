package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental equals from scratch, for the whole of one authority's analytics: the same random
 * incidents, corrections, cancellations, late reports, risk signals, intelligence and restarts
 * drive one authority with the incremental layers (live Gi*, only the areas whose inputs moved) and
 * one that recomputes every layer at every tick; everything published must be the same, in the
 * same order.
 */
class IncrementalLayersTest {
    private static final long HOUR = 3_600_000L;

    /** Equal lists; on failure, the first difference (the lists are long). */
    private static <T> void sameInOrder(String what, List<T> live, List<T> scratch) {
        for (int i = 0; i < Math.min(live.size(), scratch.size()); i++) {
            assertThat(live.get(i)).as("%s #%d", what, i).isEqualTo(scratch.get(i));
        }
        assertThat(live).as(what).hasSameSizeAs(scratch);
    }

    /** Everything the incremental authority published, the one from scratch published too, and it left nothing behind. */
    private static void publishedTheSame(LadDriver live, LadDriver scratch) {
        sameInOrder("hot-spot updates", live.out.hotspots, scratch.out.hotspots);
        sameInOrder("area metrics", live.out.metrics, scratch.out.metrics);
        sameInOrder("tension updates", live.out.tension, scratch.out.tension);
        assertThat(live.state.isEmpty()).isTrue();
        assertThat(live.pendingTimers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 2024})
    void everyLayerPublishesWhatRecomputingFromScratchPublishes(long seed) {
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        LadDriver live = new LadDriver(FusionFixtures.CARDIFF, settings, true);
        LadDriver scratch = new LadDriver(FusionFixtures.CARDIFF, settings, false);
        // Nothing reads its tension: it must publish everything else the same (the labels that decide what is news too).
        LadDriver unread = new LadDriver(FusionFixtures.CARDIFF, settings, true, false);
        SplittableRandom random = new SplittableRandom(seed);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 60, -3.20, 51.47, 0.06, 0.03);
        Instant start = Instant.parse("2025-03-03T00:00:00Z");
        List<LinkedIncident> sent = new ArrayList<>();
        long clock = start.toEpochMilli();
        for (int n = 0; n < 400; n++) {
            clock += (long) (random.nextDouble() * 0.4 * HOUR);
            int what = random.nextInt(100);
            List<LinkedIncident> now = new ArrayList<>();
            if (what < 6 && !sent.isEmpty()) {
                LinkedIncident was = sent.get(random.nextInt(sent.size()));
                now.add(FusionFixtures.incident(was.incidentId(), was.revision() + 1, "cancelled", true,
                        Instant.ofEpochMilli(was.eventTime()), places.get(0), was.feeds(), was.weapon(), 0, null));
            } else if (what < 12 && !sent.isEmpty()) {
                LinkedIncident was = sent.get(random.nextInt(sent.size()));
                now.add(FusionFixtures.incident(was.incidentId(), was.revision() + 1, "corrected", false,
                        Instant.ofEpochMilli(was.eventTime() - HOUR), places.get(random.nextInt(places.size())),
                        List.of("ae", "police"), false, 0, "18-24"));
            } else {
                // Mostly now, some hours late (after the watermark has passed them).
                Instant at = Instant.ofEpochMilli(clock - (random.nextInt(8) == 0 ? random.nextInt(30) * HOUR : 0));
                Placement where = places.get(random.nextInt(random.nextInt(4) == 0 ? 5 : places.size()));
                String id = "LI-" + n;
                now.add(what < 17 ? FusionFixtures.stabbing(id, at, where) : FusionFixtures.assault(id, at, where));
            }
            for (LinkedIncident incident : now) {
                sent.add(incident);
                for (LadDriver driver : List.of(live, scratch, unread)) {
                    driver.advanceTo(clock - HOUR / 2);
                    driver.incident(incident);
                    for (FusionSignal s : RiskReach.signals(incident, settings.risk(), FusionFixtures.SHAPES)) {
                        if (s.targetLad().equals(driver.lad)) {
                            driver.signal(s);
                        }
                    }
                }
            }
            if (random.nextInt(60) == 0) {
                Placement where = places.get(random.nextInt(places.size()));
                FusionSignal intel = FusionFixtures.intel("IR-" + n, Instant.ofEpochMilli(clock), where,
                        settings.risk().intelValue("high", "evidenced"));
                live.signal(intel);
                scratch.signal(intel);
                unread.signal(intel);
            }
            if (random.nextInt(150) == 0) {
                live.restart();
                scratch.restart();
                unread.restart();
            }
        }
        live.advanceTo(clock + 40 * 24 * HOUR);
        scratch.advanceTo(clock + 40 * 24 * HOUR);
        unread.advanceTo(clock + 40 * 24 * HOUR);

        assertThat(scratch.out.of(HotspotUpdate.CELL_SCORED)).as("cells were scored").hasSizeGreaterThan(50);
        assertThat(scratch.out.tension).as("tension moved").hasSizeGreaterThan(10);
        assertThat(scratch.out.of(HotspotUpdate.CLUSTER_CHANGED)).as("clusters formed and grew").hasSizeGreaterThan(10);
        assertThat(scratch.out.of(HotspotUpdate.CLUSTER_CLEARED)).as("and dissolved").isNotEmpty();
        publishedTheSame(live, scratch);
        sameInOrder("hot-spot updates, tension unread", unread.out.hotspots, live.out.hotspots);
        sameInOrder("area metrics, tension unread", unread.out.metrics, live.out.metrics);
        assertThat(unread.out.tension).as("no tension update built").isEmpty();
        assertThat(unread.state.isEmpty()).isTrue();
    }

    /**
     * Weeks of a quiet background with an outbreak in a few places: the daily scan finds clusters,
     * the early warning scores LSOAs and cells take emerging categories, so the midnight tick
     * evaluates only what those layers changed ({@link DailyMarks}) and must still publish what
     * evaluating every area and cell publishes.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 31})
    void theMidnightLayersChangeOnlyWhatTheyMark(long seed) {
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        LadDriver live = new LadDriver(FusionFixtures.CARDIFF, settings, true);
        LadDriver scratch = new LadDriver(FusionFixtures.CARDIFF, settings, false);
        SplittableRandom random = new SplittableRandom(seed);
        List<Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 60, -3.20, 51.47, 0.06, 0.03);
        long start = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
        int days = 42;
        for (int n = 0; n < days * 8; n++) {
            long at = start + (long) (n / 8.0 * 24 * HOUR) + random.nextInt(3) * HOUR;
            int day = n / 8;
            // Days 20 to 24: most reports in two places, on top of the background.
            boolean outbreak = day >= 20 && day < 25 && random.nextInt(3) > 0;
            Placement where = places.get(outbreak ? random.nextInt(2) : random.nextInt(places.size()));
            LinkedIncident incident = random.nextInt(5) == 0 ? FusionFixtures.stabbing("LI-" + n, Instant.ofEpochMilli(at), where)
                    : FusionFixtures.assault("LI-" + n, Instant.ofEpochMilli(at), where);
            for (LadDriver driver : List.of(live, scratch)) {
                driver.advanceTo(at - HOUR / 2);
                driver.incident(incident);
            }
            if (random.nextInt(120) == 0) {
                live.restart();
                scratch.restart();
            }
        }
        long end = start + (days + 45) * 24 * HOUR;
        live.advanceTo(end);
        scratch.advanceTo(end);

        assertThat(scratch.out.of(HotspotUpdate.SCAN_CLUSTER)).as("daily scan clusters").isNotEmpty();
        assertThat(scratch.out.metrics).as("early-warning scores")
                .anyMatch(m -> m.values().getOrDefault(EarlyWarningLayer.METRIC, 0.0) > 0);
        assertThat(scratch.out.of(HotspotUpdate.CELL_SCORED)).as("emerging categories")
                .anyMatch(u -> u.labels().containsKey("emerging"));
        publishedTheSame(live, scratch);
    }

    /**
     * Two neighbouring authorities (Cardiff and the Vale of Glamorgan) around their boundary: each
     * incident goes to its own authority and as a halo to the other when it lies near the other's
     * cells ({@link AreaRoute}); corrections move incidents across the boundary (withdrawn from where
     * they no longer reach). Boundary cells are scored from both sides' incidents and published by
     * their owner only, so each authority holds cells it never publishes, which the live Gi* must
     * leave alone without missing those that do publish. Halo incidents cluster too: clusters with
     * both sides' incidents form, each published by one side.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 11, 2025})
    void cellsOnABoundaryPublishWhatRecomputingPublishes(long seed) {
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        String vale = "W06000014";
        List<String> lads = List.of(FusionFixtures.CARDIFF, vale);
        java.util.Map<String, LadDriver> live = new java.util.TreeMap<>();
        java.util.Map<String, LadDriver> scratch = new java.util.TreeMap<>();
        for (String lad : lads) {
            live.put(lad, new LadDriver(lad, settings, true));
            scratch.put(lad, new LadDriver(lad, settings, false));
        }
        AreaRoute route = new AreaRoute(new CellOwners(FusionFixtures.SHAPES, settings.hotspots()));
        SplittableRandom random = new SplittableRandom(seed);
        // Culverhouse Cross and along the boundary south of it: both authorities' streets within a few cells.
        List<Placement> places = new ArrayList<>();
        while (places.size() < 40) {
            var placed = FusionFixtures.PLACER.placeLonLat(-3.262 + 0.03 * random.nextDouble(), 51.452 + 0.03 * random.nextDouble());
            if (placed.placed() && lads.contains(placed.placement().lad())) {
                places.add(placed.placement());
            }
        }
        java.util.Map<String, List<String>> holding = new java.util.HashMap<>();
        java.util.Map<String, LinkedIncident> latest = new java.util.HashMap<>();
        java.util.Map<String, String> ladOf = new java.util.HashMap<>(); // each incident's authority when it was last sent
        long clock = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
        int halos = 0;
        for (int n = 0; n < 500; n++) {
            clock += (long) (random.nextDouble() * 0.5 * HOUR);
            LinkedIncident incident;
            int what = random.nextInt(100);
            if (what < 15 && !latest.isEmpty()) {
                List<String> ids = new ArrayList<>(new java.util.TreeSet<>(latest.keySet()));
                LinkedIncident was = latest.get(ids.get(random.nextInt(ids.size())));
                boolean cancel = what < 4;
                incident = FusionFixtures.incident(was.incidentId(), was.revision() + 1, cancel ? "cancelled" : "corrected",
                        cancel, Instant.ofEpochMilli(was.eventTime()), places.get(random.nextInt(places.size())),
                        List.of("police"), false, 0, null);
            } else {
                // A busy corner (the first few places) and a spread; some reports hours late.
                Placement where = places.get(random.nextInt(random.nextInt(3) == 0 ? 4 : places.size()));
                Instant at = Instant.ofEpochMilli(clock - (random.nextInt(8) == 0 ? random.nextInt(30) * HOUR : 0));
                incident = FusionFixtures.assault("LI-" + n, at, where);
            }
            List<AreaDelivery> deliveries = route.route(incident, holding.getOrDefault(incident.incidentId(), List.of()));
            holding.put(incident.incidentId(), AreaRoute.holding(deliveries));
            if (incident.cancelled()) {
                latest.remove(incident.incidentId());
            } else {
                latest.put(incident.incidentId(), incident);
                ladOf.put(incident.incidentId(), incident.lad());
            }
            for (AreaDelivery d : deliveries) {
                if (!live.containsKey(d.lad())) {
                    continue;
                }
                halos += d.halo() ? 1 : 0;
                for (LadDriver driver : List.of(live.get(d.lad()), scratch.get(d.lad()))) {
                    driver.advanceTo(clock - HOUR / 2);
                    driver.delivery(d);
                }
            }
            for (String lad : lads) { // the watermark reaches every authority, with or without news
                live.get(lad).advanceTo(clock - HOUR / 2);
                scratch.get(lad).advanceTo(clock - HOUR / 2);
            }
            if (random.nextInt(200) == 0) {
                live.values().forEach(LadDriver::restart);
                scratch.values().forEach(LadDriver::restart);
            }
        }
        assertThat(halos).as("halo deliveries").isGreaterThan(50);
        for (String lad : lads) {
            live.get(lad).advanceTo(clock + 40 * 24 * HOUR);
            scratch.get(lad).advanceTo(clock + 40 * 24 * HOUR);
            assertThat(scratch.get(lad).out.of(HotspotUpdate.CELL_SCORED)).as("%s scored cells", lad).hasSizeGreaterThan(20);
            publishedTheSame(live.get(lad), scratch.get(lad));
        }
        long across = lads.stream().flatMap(lad -> scratch.get(lad).out.of(HotspotUpdate.CLUSTER_CHANGED).stream())
                .filter(u -> u.members().stream().map(ladOf::get).distinct().count() > 1).count();
        assertThat(across).as("clusters with incidents of both authorities").isPositive();
    }
}
