package org.ember.infra.backtest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.ember.infra.simulator.FeedSimulator;
import org.ember.infra.simulator.SimulatedArea;
import org.ember.infra.simulator.SimulatedRecord;
import org.ember.infra.simulator.SimulationSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/**
 * A period of history as the partner feeds would have sent it: the simulator's replay of the real
 * police.uk records (docs/simulator.md), each feed's records in sending order, ready to be read by
 * the job as its Kafka topics would be.
 *
 * @param byTopic  feed topic → records in the order they were sent
 * @param records  how many
 * @param millis   how long making them took
 */
public record History(Map<String, List<RawFeedRecord>> byTopic, long records, long millis) {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /**
     * Simulates the months covering [from, to) and keeps the records sent in that period.
     *
     * @param feeds    which feeds to keep (all five, or e.g. only police for police.uk alone)
     * @param progress told the number of simulated days done, now and then
     */
    public static History simulate(Path dataDir, SimulatedArea area, long from, long to, List<String> forces,
            Set<Feed> feeds, long seed, LongConsumer progress) {
        long started = System.currentTimeMillis();
        YearMonth first = YearMonth.from(Instant.ofEpochMilli(from).atZone(LONDON));
        YearMonth last = YearMonth.from(Instant.ofEpochMilli(to - 1).atZone(LONDON));
        SimulationSettings settings = SimulationSettings.defaults().withSeed(seed).withMonths(first, last).withForces(forces);
        FeedSimulator simulator = FeedSimulator.create(dataDir, settings, area);
        Map<String, List<RawFeedRecord>> byTopic = new HashMap<>();
        Map<String, Long> offsets = new HashMap<>();
        long count = 0;
        long lastDay = -1;
        for (SimulatedRecord record : simulator) {
            if (record.emitTime() >= to) {
                break;
            }
            long day = Math.max(0, (record.emitTime() - from) / 86_400_000L);
            if (day != lastDay) {
                progress.accept(day);
                lastDay = day;
            }
            if (record.emitTime() < from || !feeds.contains(record.feed())) {
                continue;
            }
            String topic = record.feed().topic();
            long offset = offsets.merge(topic, 1L, Long::sum) - 1;
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                    .add(new RawFeedRecord(topic, 0, offset, record.emitTime(), record.value()));
            count++;
        }
        progress.accept((to - from) / 86_400_000L);
        return new History(byTopic, count, System.currentTimeMillis() - started);
    }
}
