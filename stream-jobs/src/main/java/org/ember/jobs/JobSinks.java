package org.ember.jobs;

import org.apache.flink.api.connector.sink2.Sink;

/** Where the job writes: Kafka topics in production, collecting sinks in tests. */
public interface JobSinks {
    <T> Sink<T> sink(OutputTopic<T> topic);
}
