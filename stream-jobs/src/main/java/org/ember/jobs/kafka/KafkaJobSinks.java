package org.ember.jobs.kafka;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.ember.jobs.JobSinks;
import org.ember.jobs.OutputTopic;

/**
 * Writes to Ember's topics. Topics declared exactly-once (alerts, dead letters, …) use Kafka
 * transactions committed with each checkpoint, so a restart never repeats an alert nor loses a bad
 * record; the others are written at least once.
 */
public final class KafkaJobSinks implements JobSinks {
    /**
     * A transaction stays open until the checkpoint after it completes. At 60 s, a backlog on a busy
     * machine (the 100,000-record fuzz run, docs/reliability.md) made a checkpoint outlast it: the
     * broker aborted the transaction, the sink failed with InvalidProducerEpochException and the
     * local cluster lost its TaskManager. Flink's advice is well above the longest checkpoint plus a
     * restart; at most the broker's transaction.max.timeout.ms (15 min by default), or the job
     * restart-loops. A job restored from a checkpoint aborts its own lingering transactions at once.
     */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    private final String bootstrapServers;
    private final String transactionalIdPrefix;
    private final java.util.Map<String, String> clientProperties;

    public KafkaJobSinks(String bootstrapServers, String transactionalIdPrefix) {
        this(bootstrapServers, transactionalIdPrefix, java.util.Map.of());
    }

    /** With extra Kafka client properties (TLS, SASL) from the deployment. */
    public KafkaJobSinks(String bootstrapServers, String transactionalIdPrefix, java.util.Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.clientProperties = java.util.Map.copyOf(clientProperties);
    }

    @Override
    public <T> Sink<T> sink(OutputTopic<T> topic) {
        var builder = KafkaSink.<T>builder();
        clientProperties.forEach(builder::setProperty);
        builder.setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new ProcessingTimeRecordSerializer<>(topic.topic(),
                        new KeySerializer<>(topic.key()), new JsonValueSerializer<>(topic.view())));
        if (topic.exactlyOnce()) {
            builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(transactionalIdPrefix + "-" + topic.topic().replace('.', '-'))
                    .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        } else {
            builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        return builder.build();
    }
}
