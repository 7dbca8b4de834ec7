package org.ember.jobs;

import org.apache.flink.api.connector.sink2.Sink;

/** Where the job writes: Kafka topics in production, collecting sinks in tests. */
public interface JobSinks {
    <T> Sink<T> sink(OutputTopic<T> topic);

    /**
     * Whether anything reads {@code topic}. A stream nobody reads gets no sink, so its records are
     * neither copied nor handed on (a backtest keeps only the alerts, yet the fusion stage's hot-spot
     * updates cost it as much as a tenth of its CPU on the way to a discarding sink).
     */
    default boolean reads(OutputTopic<?> topic) {
        return true;
    }
}
