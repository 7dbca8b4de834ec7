package org.ember.geo.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskFieldTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = 1_741_989_600_000L; // 2025-03-14T22:00Z
    private static final AreaShape HOME = new AreaShape("lsoa", "L-HOME", "LAD-1", 0, 0, 200);
    private static final AreaShape NEXT_DOOR = new AreaShape("lsoa", "L-NEXT", "LAD-1", 450, 0, 200);
    private static final AreaShape FAR = new AreaShape("lsoa", "L-FAR", "LAD-1", 5_000, 0, 200);
    private static final AreaShape RIVAL = new AreaShape("lsoa", "L-RIVAL", "LAD-2", 9_000, 0, 200);
    private static final AreaShape LAD = new AreaShape("lad", "LAD-1", null, 2_000, 0, 3_000);

    private final RiskSettings settings = RiskSettings.defaults();
    private final RiskField field = new RiskField(settings);

    private static RiskSignal stabbing(double x, String lsoa) {
        return new RiskSignal("nr:LI-1", RiskSignal.NEAR_REPEAT, lsoa, "LAD-1", T0, x, 0, 1.5, "weapon, young victim", "LI-1");
    }

    @Test
    void nearRepeatRiskIsFullInItsOwnAreaFadesWithDistanceAndEndsAfterFourteenDays() {
        List<RiskSignal> signals = List.of(stabbing(0, "L-HOME"));
        assertThat(field.evaluate(HOME, signals, T0).nearRepeat()).isCloseTo(1.5, within(1e-12));
        // Next door: 450 m to the centre, 250 m to the edge of its circle: (400 − 250)/300 = 0.5.
        assertThat(field.evaluate(NEXT_DOOR, signals, T0).nearRepeat()).isCloseTo(0.75, within(1e-12));
        assertThat(field.evaluate(FAR, signals, T0).nearRepeat()).isZero();
        // Seven days on, half is left; fourteen days on, nothing.
        assertThat(field.evaluate(HOME, signals, T0 + 7 * DAY).nearRepeat()).isCloseTo(0.75, within(1e-12));
        assertThat(field.evaluate(HOME, signals, T0 + 14 * DAY).nearRepeat()).isZero();
        assertThat(field.live(signals.get(0), T0 + 14 * DAY)).isFalse();
        // The local authority counts every serious incident inside it in full.
        assertThat(field.evaluate(LAD, signals, T0).nearRepeat()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void rivalryCarriesItsShareToTheRivalAreaOnlyAndIntelligenceCanLowerRisk() {
        RiskSignal rivalry = new RiskSignal("rv:LI-1>L-RIVAL", RiskSignal.RIVALRY, "L-RIVAL", "LAD-2", T0, 0, 0, 0.75,
                "rivalry with L-HOME", "LI-1");
        RiskSignal calm = new RiskSignal("intel:IR-1", RiskSignal.INTEL, "L-HOME", "LAD-1", T0, 0, 0,
                settings.intelValue("low", "evidenced"), "intel", "intel:IR-1");
        RiskSignal alarm = new RiskSignal("intel:IR-2", RiskSignal.INTEL, "L-HOME", "LAD-1", T0, 0, 0,
                settings.intelValue("Critical", "potential"), "intel", "intel:IR-2");

        AreaRisk rival = field.evaluate(RIVAL, List.of(rivalry, calm, alarm), T0 + DAY / 2);
        assertThat(rival.rivalry()).isCloseTo(0.75 * (1 - 0.5 / 14), within(1e-12));
        assertThat(rival.intel()).isZero();
        AreaRisk home = field.evaluate(HOME, List.of(rivalry, calm, alarm), T0);
        assertThat(home.rivalry()).isZero();
        assertThat(home.intel()).isCloseTo(-0.5 + 0.8, within(1e-12));
        assertThat(home.contributions()).extracting(AreaRisk.RiskContribution::signalId)
                .containsExactly("intel:IR-2", "intel:IR-1");
    }

    @Test
    void seriousnessAddsItsReasons() {
        SeriousnessRule rule = SeriousnessRule.defaults();
        assertThat(rule.assess(true, 0, false, "15-17").weight()).isEqualTo(1.5);
        assertThat(rule.assess(true, 0, false, "15-17").reasons()).containsExactly("weapon", "young_victim");
        assertThat(rule.assess(true, 1, true, "15-17").weight()).isEqualTo(2.0);
        assertThat(rule.assess(false, 2, true, "18-24").serious()).as("a category 2 call-out with a young victim").isFalse();
        assertThat(rule.assess(false, 1, true, null).reasons()).containsExactly("cat1_penetrating");
    }

    @Test
    void rivalriesAreSymmetric() {
        RiskSettings withRivals = settings.withRivalries(List.of(new RivalryLink("L-HOME", "L-RIVAL", 0.5)));
        assertThat(withRivals.rivalriesOf("L-RIVAL")).singleElement().satisfies(l -> assertThat(l.rivalOf("L-RIVAL"))
                .isEqualTo("L-HOME"));
        assertThat(withRivals.rivalriesOf("L-FAR")).isEmpty();
        assertThat(settings.navigatorValue("risk_assessment", "HIGH")).isEqualTo(1.0);
        assertThat(settings.navigatorValue("risk_assessment", "low")).isZero();
        assertThat(settings.navigatorValue("safeguarding_referral", null)).isEqualTo(1.0);
    }
}
