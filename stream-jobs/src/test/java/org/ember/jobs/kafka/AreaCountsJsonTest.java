package org.ember.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ember.model.AreaCounts;
import org.ember.model.AreaCountsView;
import org.ember.model.CountVocabulary;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;

/** The hand-written area-counts JSON is byte for byte what Ember's JSON mapper writes. */
class AreaCountsJsonTest {
    @Test
    void writesWhatTheMapperWrites() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 5_000; n++) {
            long[] counts = new long[CountVocabulary.SIZE];
            int filled = random.nextInt(0, 12);
            for (int i = 0; i < filled; i++) {
                counts[random.nextInt(counts.length)] = random.nextLong(0, 1_000_000);
            }
            String area = switch (random.nextInt(4)) {
                case 0 -> "W01001694";
                case 1 -> "W06000015";
                case 2 -> "odd \"quoted\" \\ área\n";
                default -> "E0" + random.nextInt(100_000);
            };
            AreaCountsView view = AreaCountsView.of(new AreaCounts(random.nextBoolean() ? "lsoa" : "lad", area,
                    random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L), counts));
            assertThat(new String(AreaCountsJson.write(view), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(Json.toBytes(view), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
