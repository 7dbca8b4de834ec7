package org.ember.deployment;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How Ember's Kafka clients connect: the bootstrap servers (null = found another way, e.g. the
 * running demo's broker) and extra client properties such as {@code security.protocol},
 * {@code ssl.truststore.location} or {@code sasl.jaas.config}, with secrets already read from the
 * environment.
 */
public record KafkaClient(String bootstrapServers, Map<String, String> properties) {
    public KafkaClient {
        properties = new TreeMap<>(properties);
    }

    public static KafkaClient none() {
        return new KafkaClient(null, Map.of());
    }

    public KafkaClient withBootstrapServers(String servers) {
        return new KafkaClient(servers, properties);
    }

    /** The extra properties as {@link Properties}, for a client's configuration. */
    public Properties asProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        return props;
    }

    @Override
    public String toString() {
        // Property values may be credentials: name the keys only.
        return "KafkaClient[" + bootstrapServers + ", properties " + properties.keySet() + "]";
    }
}
