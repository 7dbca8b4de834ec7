package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ember.geo.risk.RiskSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which signals reach which of the areas asked for, matched from whichever side is smaller, is what
 * walking every signal's whole reach gave (the code before, kept here): the same areas, each with
 * its signals in the order of the signal list (risk is summed in that order).
 */
class RiskLayerSignalsOfTest {
    private static final String LAD = "lad:W06000015";

    private static Map<String, List<RiskSignal>> reference(Set<String> areaKeys, List<RiskSignal> signals,
            Map<String, Set<String>> reach) {
        Map<String, List<RiskSignal>> out = new HashMap<>();
        for (RiskSignal s : signals) {
            for (String key : reach.get(s.id())) {
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
            assertThat(RiskLayer.signalsOf(areaKeys, signals, LAD, s -> reach.get(s.id())))
                    .as("round %d", round).isEqualTo(reference(areaKeys, signals, reach));
        }
    }
}
