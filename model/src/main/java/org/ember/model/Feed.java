package org.ember.model;

import java.util.Arrays;
import java.util.Optional;

/** The partner feeds Ember ingests, each arriving on its own Kafka topic with its own JSON contract. */
public enum Feed {
    POLICE("police", "feed.police"),
    AMBULANCE("ambulance", "feed.ambulance"),
    AE("ae", "feed.ae"),
    NAVIGATOR("navigator", "feed.navigator"),
    INTEL("intel", "feed.intel");

    private final String code;
    private final String topic;

    Feed(String code, String topic) {
        this.code = code;
        this.topic = topic;
    }

    /** Short lower-case name used in metrics, rule files and JSON. */
    public String code() {
        return code;
    }

    public String topic() {
        return topic;
    }

    /** Classpath resource of the feed's published JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + topic + ".schema.json";
    }

    public static Optional<Feed> fromTopic(String topic) {
        return Arrays.stream(values()).filter(f -> f.topic.equals(topic)).findFirst();
    }

    public static Feed fromCode(String code) {
        return Arrays.stream(values())
                .filter(f -> f.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feed '" + code + "'"));
    }
}
