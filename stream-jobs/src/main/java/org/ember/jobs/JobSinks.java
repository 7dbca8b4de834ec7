package org.ember.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;

/** Where the job writes: Kafka topics in production, collecting sinks in tests. */
public interface JobSinks {
    Sink<DeadLetter> deadLetters();

    Sink<Alert> alerts();

    Sink<AreaCounts> hotspots();
}
