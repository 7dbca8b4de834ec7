package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.tension.TensionScore;
import org.junit.jupiter.api.Test;

/**
 * The tension remembered when it is published ({@link TensionLayer#asRead}) is what parsing the
 * labels it was written into gives ({@link TensionLayer#previous(Map)}), to the bit: scores of every
 * magnitude, with many digits, whole, zero, negative zero and tiny, and any level.
 */
class TensionRememberedTest {
    @Test
    void rememberedTensionEqualsWhatTheLabelsSay() {
        SplittableRandom random = new SplittableRandom(5);
        double[] special = {0.0, -0.0, 1.0, 0.1, 0.2 + 0.1, 1e-300, Double.MIN_VALUE, 123456.789, 1e21, 3.0000000000000004};
        for (int i = 0; i < 100_000; i++) {
            double score = i < special.length ? special[i] : switch (random.nextInt(3)) {
                case 0 -> random.nextDouble(0, 100);
                case 1 -> Math.round(random.nextDouble(0, 100) * 10) / 10.0;
                default -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 12));
            };
            TensionScore published = new TensionScore(score, List.of("low", "medium", "high").get(i % 3), i % 3,
                    List.of());
            Map<String, String> labels = new LinkedHashMap<>(Map.of("bin", "1"));
            TensionLayer.label(labels, published);
            TensionScore read = TensionLayer.previous(labels);
            assertThat(TensionLayer.asRead(published)).as("score %s", score).isEqualTo(read);
            assertThat(Double.doubleToRawLongBits(TensionLayer.asRead(published).score()))
                    .isEqualTo(Double.doubleToRawLongBits(read.score()));
        }
    }
}
