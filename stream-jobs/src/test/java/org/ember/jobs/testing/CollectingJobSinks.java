package org.ember.jobs.testing;

import org.ember.jobs.JobSinks;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;

/** The job's sinks as in-memory lists. */
public final class CollectingJobSinks implements JobSinks {
    public final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    public final CollectingSink<Alert> alerts = new CollectingSink<>();
    public final CollectingSink<AreaCounts> hotspots = new CollectingSink<>();

    @Override
    public CollectingSink<DeadLetter> deadLetters() {
        return deadLetters;
    }

    @Override
    public CollectingSink<Alert> alerts() {
        return alerts;
    }

    @Override
    public CollectingSink<AreaCounts> hotspots() {
        return hotspots;
    }
}
