package org.ember.jobs.kafka;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/**
 * Reads each feed topic from Kafka. The job's clock is the records' Kafka timestamps (arrival),
 * assigned to the raw records by {@link KafkaArrivalClock} before ingest, so a record ingest will
 * dead-letter still counts as read when the clock asks whether a feed is done.
 */
public final class KafkaJobSources implements JobSources {
    private final String bootstrapServers;
    private final String groupId;
    private final java.util.Map<String, String> clientProperties;

    public KafkaJobSources(String bootstrapServers, String groupId) {
        this(bootstrapServers, groupId, java.util.Map.of());
    }

    /** With extra Kafka client properties (TLS, SASL) from the deployment. */
    public KafkaJobSources(String bootstrapServers, String groupId, java.util.Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.clientProperties = java.util.Map.copyOf(clientProperties);
    }

    @Override
    public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
        return read(env, feed.topic(), "source-" + feed.code());
    }

    @Override
    public WatermarkStrategy<RawFeedRecord> arrivalClock(StreamExecutionEnvironment env, Feed feed, java.time.Duration quiet) {
        return KafkaArrivalClock.strategy(feed.topic(), new KafkaEndOffsets(bootstrapServers, clientProperties), quiet,
                env.getParallelism());
    }

    @Override
    public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
        return read(env, topic, "source-" + topic);
    }

    private DataStream<RawFeedRecord> read(StreamExecutionEnvironment env, String topic, String uid) {
        var builder = KafkaSource.<RawFeedRecord>builder();
        clientProperties.forEach(builder::setProperty);
        KafkaSource<RawFeedRecord> source = builder
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawFeedRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka " + topic).uid(uid);
    }
}
