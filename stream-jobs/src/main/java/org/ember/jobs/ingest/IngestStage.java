package org.ember.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Incident;

/**
 * Ingest, feed by feed: validate, pseudonymise, place; then event time with the feed's own
 * out-of-orderness and (live sources only) idleness, so a quiet feed goes idle instead of holding the
 * others back.
 */
public final class IngestStage {
    private IngestStage() {}

    /** Every feed's incidents (with timestamps and watermarks) and every feed's dead letters. */
    public record Output(DataStream<Incident> incidents, DataStream<DeadLetter> deadLetters) {}

    public static Output attach(StreamExecutionEnvironment env, JobSources sources, JobSettings settings) {
        DataStream<Incident> incidents = null;
        DataStream<DeadLetter> deadLetters = null;
        for (Feed feed : Feed.values()) {
            SingleOutputStreamOperator<Incident> ingested = sources.feed(env, feed)
                    .process(new IngestFunction(feed, settings))
                    .returns(org.ember.jobs.serial.IncidentType.INFO) // field by field on the network, no reflection
                    .uid("ingest-" + feed.code())
                    .name("Ingest " + feed.code() + ": validate, pseudonymise, place");
            DataStream<Incident> timed = ingested
                    .assignTimestampsAndWatermarks(strategy(settings.outOfOrderness(feed), idleness(sources, settings)))
                    .uid("event-time-" + feed.code())
                    .name("Event time " + feed.code());
            DataStream<DeadLetter> rejected = ingested.getSideOutput(IngestFunction.DEAD_LETTERS);
            incidents = incidents == null ? timed : incidents.union(timed);
            deadLetters = deadLetters == null ? rejected : deadLetters.union(rejected);
        }
        return new Output(incidents, deadLetters);
    }

    /**
     * The idleness ingest applies: none for bounded sources (see {@link JobSources#bounded()}) or
     * when the settings give none (null or zero), so a replay's output never depends on how long a
     * feed was held up on a loaded machine.
     */
    static java.time.Duration idleness(JobSources sources, JobSettings settings) {
        java.time.Duration idleness = settings.idleness();
        if (sources.bounded() || idleness == null || idleness.isZero() || idleness.isNegative()) {
            return null;
        }
        return idleness;
    }

    private static WatermarkStrategy<Incident> strategy(java.time.Duration outOfOrderness, java.time.Duration idleness) {
        WatermarkStrategy<Incident> strategy = WatermarkStrategy.<Incident>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((incident, kafkaTime) -> incident.eventTime());
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }
}
