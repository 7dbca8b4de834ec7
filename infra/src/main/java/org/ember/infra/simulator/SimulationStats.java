package org.ember.infra.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.ember.model.Feed;

/**
 * Running counts of a {@link SimulatorRunner}: records acknowledged by Kafka per feed, how many of
 * them were malformed on purpose, sends that failed, and how far simulated time has got. Updated
 * from the producer's callback thread, read from anywhere.
 */
public final class SimulationStats {
    private final AtomicLongArray sent = new AtomicLongArray(Feed.values().length);
    private final AtomicLongArray malformedSent = new AtomicLongArray(Feed.values().length);
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastEmitTime = new AtomicLong(Long.MIN_VALUE);

    /**
     * A consistent-enough view of the counts at one moment.
     *
     * @param sent          records acknowledged, by feed (malformed included)
     * @param malformedSent malformed records acknowledged, by feed
     * @param failed        sends that failed
     * @param lastEmitTime  emit time of the last record handed to the producer, epoch ms (null before the first)
     */
    public record Snapshot(Map<Feed, Long> sent, Map<Feed, Long> malformedSent, long failed, Long lastEmitTime) {
        public Snapshot {
            sent = Map.copyOf(sent);
            malformedSent = Map.copyOf(malformedSent);
        }

        public long sent(Feed feed) {
            return sent.getOrDefault(feed, 0L);
        }

        public long malformedSent(Feed feed) {
            return malformedSent.getOrDefault(feed, 0L);
        }

        public long totalSent() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalMalformedSent() {
            return malformedSent.values().stream().mapToLong(Long::longValue).sum();
        }

        /** One line for logs: "police 120 (1 malformed), ambulance 30, …". */
        public String summary() {
            StringBuilder line = new StringBuilder();
            for (Feed feed : Feed.values()) {
                if (line.length() > 0) {
                    line.append(", ");
                }
                line.append(feed.code()).append(' ').append(sent(feed));
                if (malformedSent(feed) > 0) {
                    line.append(" (").append(malformedSent(feed)).append(" malformed)");
                }
            }
            if (failed > 0) {
                line.append("; ").append(failed).append(" failed");
            }
            return line.toString();
        }
    }

    void recordSent(Feed feed, boolean malformed) {
        sent.incrementAndGet(feed.ordinal());
        if (malformed) {
            malformedSent.incrementAndGet(feed.ordinal());
        }
    }

    void recordFailed() {
        failed.incrementAndGet();
    }

    void handedOver(long emitTime) {
        lastEmitTime.set(emitTime);
    }

    public Snapshot snapshot() {
        Map<Feed, Long> sentByFeed = new EnumMap<>(Feed.class);
        Map<Feed, Long> malformedByFeed = new EnumMap<>(Feed.class);
        for (Feed feed : Feed.values()) {
            sentByFeed.put(feed, sent.get(feed.ordinal()));
            malformedByFeed.put(feed, malformedSent.get(feed.ordinal()));
        }
        long last = lastEmitTime.get();
        return new Snapshot(sentByFeed, malformedByFeed, failed.get(), last == Long.MIN_VALUE ? null : last);
    }
}
