package org.ember.jobs.bounded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;
import org.junit.jupiter.api.Test;

/** The feeds read by one task: merged in arrival order, each topic's own order kept. */
class InMemoryJobSourcesOrderTest {
    private static final long NINE = 1_740_000_000_000L;

    private static RawFeedRecord record(Feed feed, long offset, long timestamp) {
        return new RawFeedRecord(feed.topic(), 0, offset, timestamp, new byte[0]);
    }

    @Test
    void feedsAreMergedByArrivalWithTiesInFeedOrder() {
        List<RawFeedRecord> police = List.of(record(Feed.POLICE, 0, NINE), record(Feed.POLICE, 1, NINE + 5));
        List<RawFeedRecord> ae = List.of(record(Feed.AE, 0, NINE - 1), record(Feed.AE, 1, NINE + 5));
        List<RawFeedRecord> intel = List.of(record(Feed.INTEL, 0, NINE));

        List<RawFeedRecord> merged = InMemoryJobSources.inArrivalOrder(Map.of(Feed.POLICE.topic(), police,
                Feed.AE.topic(), ae, Feed.INTEL.topic(), intel, "ember.rules", List.of(record(Feed.POLICE, 9, 0))));

        assertThat(merged).containsExactly(ae.get(0), police.get(0), intel.get(0), police.get(1), ae.get(1));
    }

    @Test
    void everyFeedRecordComesOnceInArrivalOrderAndEachTopicInItsOwnOrder() {
        Random random = new Random(7);
        for (int seed = 0; seed < 5; seed++) {
            Map<String, List<RawFeedRecord>> byTopic = new java.util.HashMap<>();
            int total = 0;
            for (Feed feed : Feed.values()) {
                List<RawFeedRecord> records = new ArrayList<>();
                long time = NINE;
                int size = random.nextInt(40);
                for (int i = 0; i < size; i++) {
                    time += random.nextInt(3); // equal arrival times within and across feeds
                    records.add(record(feed, i, time));
                }
                byTopic.put(feed.topic(), records);
                total += size;
            }

            List<RawFeedRecord> merged = InMemoryJobSources.inArrivalOrder(byTopic);

            assertThat(merged).hasSize(total);
            assertThat(merged).isSortedAccordingTo(Comparator.comparingLong(RawFeedRecord::timestamp));
            for (Feed feed : Feed.values()) {
                assertThat(merged.stream().filter(r -> r.topic().equals(feed.topic())).toList())
                        .containsExactlyElementsOf(byTopic.get(feed.topic()));
            }
        }
    }
}
