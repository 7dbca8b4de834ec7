package org.ember.jobs.interventions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.OutputTopic;
import org.ember.model.DeadLetter;
import org.ember.model.codec.Json;
import org.ember.model.interventions.InterventionParser;

/**
 * {@code feed.interventions} → checked interventions on {@code ember.interventions}, bad ones to the
 * dead letters. A branch of its own: interventions describe what partners did, not harm, so they
 * never join the incident stream and never enter the counts.
 */
public final class InterventionStage {
    public static final String TOPIC_OUT = org.ember.model.Topics.INTERVENTIONS;

    /** Accepted interventions, keyed by id, exactly once. */
    public static final OutputTopic<InterventionRecord> INTERVENTIONS = new OutputTopic<>(TOPIC_OUT, InterventionRecord::id,
            InterventionStage::view, true);

    private static Object view(InterventionRecord r) {
        try {
            return Json.mapper().readTree(r.json());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public record Output(DataStream<InterventionRecord> interventions, DataStream<DeadLetter> deadLetters) {}

    private InterventionStage() {}

    public static Output attach(StreamExecutionEnvironment env, JobSources sources, JobSettings settings) {
        SingleOutputStreamOperator<InterventionRecord> parsed = sources.control(env, InterventionParser.TOPIC)
                .process(new InterventionParseFunction(settings), TypeInformation.of(InterventionRecord.class))
                // One parser: a few records a day, and one stream keeps a partition's order into the
                // duplicate check, so the first of two duplicates is the one accepted.
                .setParallelism(1)
                .uid("interventions-parse").name("Parse interventions");
        SingleOutputStreamOperator<InterventionRecord> checked = parsed
                .keyBy(InterventionRecord::key)
                .process(new InterventionDuplicateFunction(settings), TypeInformation.of(InterventionRecord.class))
                .uid("interventions-duplicates").name("Refuse duplicate interventions");
        DataStream<DeadLetter> dead = parsed.getSideOutput(InterventionParseFunction.DEAD_LETTERS)
                .union(checked.getSideOutput(InterventionDuplicateFunction.DEAD_LETTERS));
        return new Output(checked, dead);
    }
}
