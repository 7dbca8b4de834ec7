package org.ember.jobs.ingest;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.order.ArrivalWatermarks;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Incident;

/**
 * Ingest, feed by feed: validate, pseudonymise, place; then the job's clock, arrival time
 * ({@link ArrivalWatermarks}), with (live sources only) idleness, so a quiet feed goes idle instead of
 * holding the others back. A feed's out-of-orderness no longer holds the clock: event time decides
 * only which windows a record belongs to.
 */
public final class IngestStage {
    private IngestStage() {}

    /** Every feed's incidents (with timestamps and watermarks) and every feed's dead letters. */
    public record Output(DataStream<Incident> incidents, DataStream<DeadLetter> deadLetters) {}

    public static Output attach(StreamExecutionEnvironment env, JobSources sources, JobSettings settings) {
        // The watermark passing a record's arrival is what lets each stage apply it: ask for it often.
        env.getConfig().setAutoWatermarkInterval(ArrivalWatermarks.INTERVAL.toMillis());
        DataStream<Incident> incidents = null;
        DataStream<DeadLetter> deadLetters = null;
        java.time.Duration idleness = idleness(sources, settings);
        for (Feed feed : Feed.values()) {
            DataStream<RawFeedRecord> raw = sources.feed(env, feed);
            var rawClock = idleness == null ? null : sources.arrivalClock(env, feed, idleness);
            if (rawClock != null) {
                raw = raw.assignTimestampsAndWatermarks(rawClock)
                        .uid("arrival-time-" + feed.code())
                        .name("Arrival time " + feed.code() + " (idle once read to the end)");
            }
            SingleOutputStreamOperator<Incident> ingested = raw
                    .process(new IngestFunction(feed, settings))
                    .uid("ingest-" + feed.code())
                    .name("Ingest " + feed.code() + ": validate, pseudonymise, place");
            // Ingest keeps each record's timestamp, so with a clock on the raw records there is nothing to add.
            DataStream<Incident> timed = rawClock != null || sources.clockedAtSource() ? ingested : ingested
                    .assignTimestampsAndWatermarks(sources.bounded() ? ArrivalWatermarks.boundedStrategy()
                            : ArrivalWatermarks.strategy(idleness))
                    .uid("event-time-" + feed.code())
                    .name("Arrival time " + feed.code());
            DataStream<DeadLetter> rejected = ingested.getSideOutput(IngestFunction.DEAD_LETTERS);
            incidents = incidents == null ? timed : incidents.union(timed);
            deadLetters = deadLetters == null ? rejected : deadLetters.union(rejected);
        }
        return new Output(incidents, deadLetters);
    }

    /**
     * The idleness ingest applies: none for bounded sources (see {@link JobSources#bounded()}) or
     * when the settings give none (null or zero), so a replay's output never depends on how long a
     * feed was held up on a loaded machine; for live sources the settings' value, at most
     * {@link ArrivalWatermarks#LIVE_IDLENESS_CAP}, so a quiet feed holds back every alert no longer.
     */
    static java.time.Duration idleness(JobSources sources, JobSettings settings) {
        java.time.Duration idleness = settings.idleness();
        if (sources.bounded() || idleness == null || idleness.isZero() || idleness.isNegative()) {
            return null;
        }
        return idleness.compareTo(ArrivalWatermarks.LIVE_IDLENESS_CAP) > 0 ? ArrivalWatermarks.LIVE_IDLENESS_CAP : idleness;
    }
}
