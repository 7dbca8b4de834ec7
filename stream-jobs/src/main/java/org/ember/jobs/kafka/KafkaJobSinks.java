package org.ember.jobs.kafka;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.ember.jobs.JobSinks;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.AreaCountsView;
import org.ember.model.DeadLetter;
import org.ember.model.Topics;

/**
 * Writes to Ember's topics. Alerts and dead letters are written exactly once (Kafka transactions
 * committed with each checkpoint), so a restart never repeats an alert nor loses a bad record;
 * area counts are written at least once, since the latest count per area simply overwrites.
 */
public final class KafkaJobSinks implements JobSinks {
    /** Below the broker's transaction.max.timeout.ms (15 min by default), or the job restart-loops. */
    static final String TRANSACTION_TIMEOUT_MS = "60000";

    private final String bootstrapServers;
    private final String transactionalIdPrefix;

    public KafkaJobSinks(String bootstrapServers, String transactionalIdPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    @Override
    public Sink<DeadLetter> deadLetters() {
        return exactlyOnce(Topics.DEAD_LETTER, "dlq",
                new KeySerializer<>(d -> d.topic() + "/" + d.partition() + "/" + d.offset()),
                new JsonValueSerializer<>(d -> d));
    }

    @Override
    public Sink<Alert> alerts() {
        return exactlyOnce(Topics.ALERTS, "alerts", new KeySerializer<>(Alert::fingerprint), new JsonValueSerializer<>(a -> a));
    }

    @Override
    public Sink<AreaCounts> hotspots() {
        return KafkaSink.<AreaCounts>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<AreaCounts>builder()
                        .setTopic(Topics.HOTSPOTS)
                        .setKeySerializationSchema(new KeySerializer<AreaCounts>(c -> c.layer() + ":" + c.areaId()))
                        .setValueSerializationSchema(new JsonValueSerializer<AreaCounts>(AreaCountsView::of))
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private <T> Sink<T> exactlyOnce(String topic, String name, KeySerializer<T> key, JsonValueSerializer<T> value) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(key)
                        .setValueSerializationSchema(value)
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + "-" + name)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }
}
