package org.ember.geo.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RiskField#terms}: the risk the look-ahead reads at many times must be, to the bit, what
 * {@link RiskField#evaluate} gives at each of them.
 */
class RiskFieldTermsTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_741_989_600_000L;
    private static final String[] KINDS = {RiskSignal.NEAR_REPEAT, RiskSignal.RIVALRY, RiskSignal.INTEL,
        RiskSignal.NAVIGATOR, "unknown"};
    private static final List<AreaShape> AREAS = List.of(new AreaShape("lsoa", "L-HOME", "LAD-1", 0, 0, 200),
            new AreaShape("lsoa", "L-NEXT", "LAD-1", 450, 0, 200), new AreaShape("lsoa", "L-FAR", "LAD-1", 5_000, 0, 200),
            new AreaShape("lad", "LAD-1", null, 2_000, 0, 3_000));
    private static final String[] PLACES = {"L-HOME", "L-NEXT", "L-FAR", "LAD-1", "L-ELSEWHERE"};

    /** Equal to the bit (0.0 and −0.0 differ). */
    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void termsAtAnyTimeAreWhatEvaluatingThenGives(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RiskSettings settings = RiskSettings.defaults();
        if (seed % 2 == 0) {
            settings = settings.withKernel(new NearRepeatKernel(50 + random.nextInt(100), 300 + random.nextInt(300),
                    Duration.ofHours(24 + random.nextInt(400))));
        }
        RiskField field = new RiskField(settings);
        for (int round = 0; round < 200; round++) {
            List<RiskSignal> signals = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                String kind = KINDS[random.nextInt(KINDS.length)];
                double value = switch (random.nextInt(6)) {
                    case 0 -> 0;
                    case 1 -> -random.nextDouble() * 2; // reassuring intelligence
                    default -> random.nextDouble() * 3;
                };
                signals.add(new RiskSignal("s" + i, kind, PLACES[random.nextInt(PLACES.length)], "LAD-1",
                        T0 + random.nextInt(-400, 40) * HOUR + random.nextInt(3_600_000), random.nextDouble() * 6_000 - 500,
                        random.nextDouble() * 600 - 300, value, "d", "LI-" + i));
            }
            AreaShape area = AREAS.get(random.nextInt(AREAS.size()));
            RiskField.Terms terms = field.terms(area, signals);
            double[] at = new double[4];
            for (int k = 0; k < 30; k++) {
                long asOf = T0 + random.nextInt(-30, 500) * HOUR + (random.nextBoolean() ? 0 : random.nextInt(3_600_000));
                AreaRisk expected = field.evaluate(area, signals, asOf);
                terms.at(asOf, at);
                assertThat(bits(at[RiskField.Terms.NEAR_REPEAT])).as("near repeat").isEqualTo(bits(expected.nearRepeat()));
                assertThat(bits(at[RiskField.Terms.RIVALRY])).as("rivalry").isEqualTo(bits(expected.rivalry()));
                assertThat(bits(at[RiskField.Terms.INTEL])).as("intel").isEqualTo(bits(expected.intel()));
                assertThat(bits(at[RiskField.Terms.NAVIGATOR])).as("navigator").isEqualTo(bits(expected.navigator()));
            }
        }
    }
}
