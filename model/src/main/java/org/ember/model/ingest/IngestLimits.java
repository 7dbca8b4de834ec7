package org.ember.model.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What ingest accepts from a partner, whatever its schema says: how large a record may be, how
 * deep and long its JSON, and how far its times may lie from when it arrived.
 *
 * <p>Times are judged against the record's arrival (its Kafka timestamp). Feed topics in a
 * deployment use {@code message.timestamp.type=LogAppendTime}, so the broker, not the partner,
 * sets it; replays (the demo, backtests) stamp the simulated arrival. Whatever the arrival says,
 * no event time may lie beyond the wall clock plus {@link #maxAhead} nor before {@link #EARLIEST}.
 *
 * @param maxRecordBytes  a larger record is dead-lettered before it is parsed
 * @param maxNestingDepth deepest JSON nesting read
 * @param maxStringLength longest JSON string read (characters)
 * @param maxAge          an event time older than arrival minus this is dead-lettered
 * @param maxAhead        an event time later than arrival (and than the wall clock) plus this is dead-lettered
 */
public record IngestLimits(int maxRecordBytes, int maxNestingDepth, int maxStringLength, Duration maxAge,
        Duration maxAhead) implements Serializable {
    /** No partner system has records from before this; years 0001 and 1900 are typing errors. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public IngestLimits {
        if (maxRecordBytes < 256 || maxNestingDepth < 3 || maxStringLength < 64 || maxAge.isNegative()
                || maxAhead.isNegative()) {
            throw new IllegalArgumentException("ingest limits too small to read any feed: " + maxRecordBytes + " bytes, "
                    + maxNestingDepth + " levels, " + maxStringLength + " characters, " + maxAge + ", " + maxAhead);
        }
    }

    /**
     * 32 KiB per record (an intelligence report's 2,000 characters fit many times over), JSON 8
     * levels deep and strings of 4,096 characters, event times up to 30 days before arrival (beyond
     * the 8 days corrections are kept and the 7-day count window) and 15 minutes after it (clock skew).
     */
    public static IngestLimits defaults() {
        return new IngestLimits(32 * 1024, 8, 4096, Duration.ofDays(30), Duration.ofMinutes(15));
    }

    /**
     * For replaying old records stamped with today's arrival (benchmarks): the same sizes, event
     * times not judged against arrival, still never before {@link #EARLIEST} nor in the wall clock's future.
     */
    public static IngestLimits replay() {
        return new IngestLimits(32 * 1024, 8, 4096, Duration.ofDays(365L * 100), Duration.ofMinutes(15));
    }
}
