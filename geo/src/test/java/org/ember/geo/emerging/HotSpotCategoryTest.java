package org.ember.geo.emerging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Category rules on hand-made step series: H = hot, C = cold, . = neither (ten steps, oldest first),
 * with the trend given as up, down or none.
 */
class HotSpotCategoryTest {
    @ParameterizedTest(name = "{0} trend {1} -> {2}")
    @CsvSource({
        ".........H, none, NEW_HOT_SPOT",
        "CC.......H, none, NEW_HOT_SPOT",
        "........HH, none, CONSECUTIVE_HOT_SPOT",
        "......HHHH, up,   CONSECUTIVE_HOT_SPOT",
        "HHHHHHHHHH, up,   INTENSIFYING_HOT_SPOT",
        ".HHHHHHHHH, up,   INTENSIFYING_HOT_SPOT",
        "HHHHHHHHHH, none, PERSISTENT_HOT_SPOT",
        "HHHHHHHHHH, down, DIMINISHING_HOT_SPOT",
        "HH.H...H.H, none, SPORADIC_HOT_SPOT",
        "H.......HH, none, SPORADIC_HOT_SPOT",
        "HHCH...H.H, none, OSCILLATING_HOT_SPOT",
        "C.......HH, none, CONSECUTIVE_HOT_SPOT",
        "C..H....HH, none, OSCILLATING_HOT_SPOT",
        "HHHHHHHHH., none, HISTORICAL_HOT_SPOT",
        "HHHHHHHH.., none, NO_PATTERN",
        "..HH......, none, NO_PATTERN",
        "..........,  none, NO_PATTERN",
        ".........C, none, NEW_COLD_SPOT",
        "........CC, none, CONSECUTIVE_COLD_SPOT",
        "CCCCCCCCCC, down, INTENSIFYING_COLD_SPOT",
        "CCCCCCCCCC, none, PERSISTENT_COLD_SPOT",
        "CCCCCCCCCC, up,   DIMINISHING_COLD_SPOT",
        "C.C..C...C, none, SPORADIC_COLD_SPOT",
        "CH...C...C, none, OSCILLATING_COLD_SPOT",
        "CCCCCCCCC., none, HISTORICAL_COLD_SPOT",
    })
    void classifiesByTheArcGisRules(String steps, String trend, HotSpotCategory expected) {
        boolean[] hot = new boolean[steps.length()];
        boolean[] cold = new boolean[steps.length()];
        for (int s = 0; s < steps.length(); s++) {
            hot[s] = steps.charAt(s) == 'H';
            cold[s] = steps.charAt(s) == 'C';
        }
        assertThat(HotSpotCategory.classify(hot, cold, trend.equals("up"), trend.equals("down"))).isEqualTo(expected);
    }
}
