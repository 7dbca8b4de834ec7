package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.risk.RiskSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which signals reach which of the areas asked for, matched by area number ({@link SignalReach}), is what
 * walking every signal's whole reach gave (the code before, kept here): the same areas, each with
 * its signals in the order of the signal list (risk is summed in that order).
 */
class RiskLayerSignalsOfTest {
    private static final String LAD = "lad:W06000015";

    /** Walks every signal's whole reach: the straightforward matching the tests compare with. */
    static Map<String, List<RiskSignal>> reference(Set<String> areaKeys, List<RiskSignal> signals,
            java.util.function.Function<RiskSignal, Set<String>> reach) {
        Map<String, List<RiskSignal>> out = new HashMap<>();
        for (RiskSignal s : signals) {
            for (String key : reach.apply(s)) {
                if (areaKeys.contains(key)) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void matchingFromTheSmallerSideFindsWhatWalkingEveryReachFound(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 500; round++) {
            int lsoas = 1 + random.nextInt(40);
            List<RiskSignal> signals = new ArrayList<>();
            Map<String, Set<String>> reach = new HashMap<>();
            for (int n = random.nextInt(30); n > 0; n--) {
                String id = "s" + signals.size();
                signals.add(new RiskSignal(id, RiskSignal.NEAR_REPEAT, "W0100" + random.nextInt(lsoas), "W06000015",
                        1_000L * n, 0, 0, 1.0, "", "LI-" + n));
                Set<String> reached = new HashSet<>();
                reached.add(LAD);
                for (int k = random.nextInt(random.nextBoolean() ? 3 : 25); k > 0; k--) {
                    reached.add("lsoa:W0100" + random.nextInt(lsoas));
                }
                reach.put(id, Set.copyOf(reached));
            }
            Set<String> areaKeys = new HashSet<>();
            if (random.nextInt(4) != 0) {
                areaKeys.add(LAD);
            }
            for (int k = random.nextInt(random.nextBoolean() ? 4 : 40); k > 0; k--) {
                areaKeys.add("lsoa:W0100" + random.nextInt(lsoas + 3)); // some no signal reaches
            }
            SignalReach index = new SignalReach();
            assertThat(index.signalsOf(areaKeys, signals, LAD, s -> index.ids(reach.get(s.id()))))
                    .as("round %d", round).isEqualTo(reference(areaKeys, signals, s -> reach.get(s.id())));
        }
    }

    /**
     * The reaches remembered per signal ({@link LadCache#touched}) are those of the live signals only:
     * random arrivals, corrections, retractions (also of signals never seen) and hourly expiry leave
     * none behind for a signal that is gone (a retracted one's stayed for good before).
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void onlyLiveSignalsKeepTheirRememberedReach(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FusionSettings settings = FusionFixtures.withScanReplications(19);
        FusionContext context = FusionContext.of(settings, FusionFixtures.SHAPES, null);
        LadState state = FusionFixtures.memoryState();
        LadCache cache = new LadCache(context, true);
        LadAnalytics analytics = new LadAnalytics(FusionFixtures.CARDIFF, context, state, cache,
                new FusionFixtures.Collected());
        List<org.ember.geo.area.Placement> places = FusionFixtures.cardiffPlaces(random::nextDouble, 10, -3.20, 51.47,
                0.05, 0.03);
        java.time.Instant clock = java.time.Instant.parse("2025-03-03T00:00:00Z");
        long nextTick = LadAnalytics.nextHour(clock.toEpochMilli());
        int retracted = 0;
        for (int n = 0; n < 400; n++) {
            clock = clock.plusSeconds(random.nextInt(1800));
            while (nextTick <= clock.toEpochMilli()) {
                analytics.onTimer(nextTick);
                nextTick += LadAnalytics.HOUR;
            }
            String id = "s" + random.nextInt(60);
            boolean retract = random.nextInt(3) == 0;
            retracted += retract && state.signals().get("intel:" + id) != null ? 1 : 0;
            analytics.onSignal(FusionFixtures.intel(id, clock, places.get(random.nextInt(places.size())),
                    retract ? 0 : 1 + random.nextInt(3)), clock.toEpochMilli());
            Set<String> live = new HashSet<>();
            state.signals().entries().forEach(e -> live.add(e.getKey()));
            assertThat(cache.touched.keySet()).as("after signal %d", n).isSubsetOf(live);
        }
        assertThat(retracted).isGreaterThan(50);
    }
}
