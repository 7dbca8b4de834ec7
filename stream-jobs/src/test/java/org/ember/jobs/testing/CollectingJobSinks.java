package org.ember.jobs.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.JobSinks;
import org.ember.jobs.OutputTopic;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.rules.snapshot.RuleEvent;

/**
 * The job's sinks as in-memory lists, one per declared {@link OutputTopic} (two outputs may share a
 * Kafka topic, e.g. area counts and hot-spot layer updates on ember.hotspots).
 */
public final class CollectingJobSinks implements JobSinks {
    private final Map<OutputTopic<?>, CollectingSink<?>> sinks = new ConcurrentHashMap<>();

    /**
     * Runs the whole job on {@code sources} to the end, generic types disabled as in production, and
     * returns what it wrote.
     */
    public static CollectingJobSinks runWholeJob(JobSources sources, JobSettings settings, int parallelism, String name)
            throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        CollectingJobSinks sinks = new CollectingJobSinks();
        EmberJob.build(env, sources, sinks, settings);
        env.execute(name);
        return sinks;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Sink<T> sink(OutputTopic<T> topic) {
        return (Sink<T>) sinks.computeIfAbsent(topic, t -> new CollectingSink<T>());
    }

    /** What the job wrote to a topic (an empty list if it never declared it). */
    @SuppressWarnings("unchecked")
    public <T> List<T> received(OutputTopic<T> topic) {
        CollectingSink<T> sink = (CollectingSink<T>) sinks.get(topic);
        return sink == null ? List.of() : sink.received();
    }

    public List<DeadLetter> deadLetters() {
        return received(OutputTopic.DEAD_LETTERS);
    }

    public List<Alert> alerts() {
        return received(OutputTopic.ALERTS);
    }

    public List<AreaCounts> hotspots() {
        return received(OutputTopic.HOTSPOTS);
    }

    public List<RuleEvent> ruleEvents() {
        return received(OutputTopic.RULE_EVENTS);
    }
}
