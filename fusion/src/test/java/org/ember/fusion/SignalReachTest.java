package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ember.geo.risk.RiskSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SignalReach} gives what walking every signal's whole reach ({@link RiskLayerSignalsOfTest#reference})
 * gives, call after call on one instance while the signal list
 * changes as the state's does: signals leave, arrive, are replaced by a new object with the same id
 * and another reach, and the list is now and then reshuffled (a rehash); areas no signal reaches
 * are asked for too, and reaches that are only the authority.
 */
class SignalReachTest {
    private static final String LAD = "lad:W06000015";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesTheStraightforwardMatchingAsTheListChanges(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SignalReach index = new SignalReach();
        Map<RiskSignal, Set<String>> reach = new IdentityHashMap<>();
        Map<RiskSignal, int[]> numbered = new IdentityHashMap<>();
        List<RiskSignal> signals = new ArrayList<>();
        int lsoas = 1 + random.nextInt(60);
        int made = 0;
        for (int round = 0; round < 2000; round++) {
            int change = random.nextInt(10);
            if (change < 3 || signals.isEmpty()) {
                for (int k = random.nextInt(4); k >= 0; k--) {
                    signals.add(random.nextInt(signals.size() + 1), signal("s" + made++, random, lsoas, reach));
                }
            } else if (change < 5) {
                for (int k = random.nextInt(Math.min(4, signals.size())); k >= 0 && !signals.isEmpty(); k--) {
                    signals.remove(random.nextInt(signals.size()));
                }
            } else if (change < 7) {
                int at = random.nextInt(signals.size());
                signals.set(at, signal(signals.get(at).id(), random, lsoas, reach)); // a correction: a new object
            } else if (change == 7) {
                Collections.shuffle(signals, new java.util.Random(random.nextLong()));
            } else if (change == 8 && random.nextInt(20) == 0) {
                signals.clear();
            }
            Set<String> areaKeys = new HashSet<>();
            if (random.nextInt(4) != 0) {
                areaKeys.add(LAD);
            }
            for (int k = random.nextInt(random.nextBoolean() ? 4 : 60); k > 0; k--) {
                areaKeys.add("lsoa:W0100" + random.nextInt(lsoas + 5)); // some no signal reaches
            }
            List<RiskSignal> now = List.copyOf(signals);
            Map<String, List<RiskSignal>> expected = RiskLayerSignalsOfTest.reference(areaKeys, now, reach::get);
            Map<String, List<RiskSignal>> actual = index.signalsOf(areaKeys, now, LAD,
                    s -> numbered.computeIfAbsent(s, x -> index.ids(reach.get(x))));
            assertThat(actual).as("round %d", round).isEqualTo(expected);
            for (Map.Entry<String, List<RiskSignal>> e : actual.entrySet()) {
                List<RiskSignal> expectedList = expected.get(e.getKey());
                for (int i = 0; i < expectedList.size(); i++) {
                    assertThat(e.getValue().get(i)).isSameAs(expectedList.get(i)); // records: equal is not enough
                }
            }
        }
    }

    @Test
    void noSignalsOrOnlyTheAuthorityAsked() {
        SignalReach index = new SignalReach();
        assertThat(index.signalsOf(Set.of(LAD, "lsoa:W01000001"), List.of(), LAD, s -> new int[0])).isEmpty();
        RiskSignal s = new RiskSignal("a", RiskSignal.INTEL, "W01000001", "W06000015", 0, 0, 0, 1.0, "", "x");
        int[] ids = index.ids(Set.of(LAD, "lsoa:W01000001"));
        assertThat(index.signalsOf(Set.of(LAD), List.of(s), LAD, x -> ids)).isEqualTo(Map.of(LAD, List.of(s)));
        assertThat(index.signalsOf(Set.of("lsoa:W01000002"), List.of(s), LAD, x -> ids)).isEmpty();
        assertThat(index.signalsOf(Set.of("lsoa:W01000001"), List.of(s), LAD, x -> ids))
                .isEqualTo(Map.of("lsoa:W01000001", List.of(s)));
    }

    private static RiskSignal signal(String id, SplittableRandom random, int lsoas, Map<RiskSignal, Set<String>> reach) {
        RiskSignal s = new RiskSignal(id, RiskSignal.NEAR_REPEAT, "W0100" + random.nextInt(lsoas), "W06000015",
                random.nextLong(1_000_000L), 0, 0, 1.0, "", "LI-" + id);
        Set<String> reached = new HashSet<>();
        reached.add(LAD);
        for (int k = random.nextInt(random.nextBoolean() ? 3 : 25); k > 0; k--) {
            reached.add("lsoa:W0100" + random.nextInt(lsoas));
        }
        reach.put(s, Set.copyOf(reached));
        return s;
    }
}
