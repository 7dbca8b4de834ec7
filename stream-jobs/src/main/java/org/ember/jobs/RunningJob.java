package org.ember.jobs;

/** A job started by {@link EmberJobRunner}, seen without Flink types. */
public interface RunningJob extends AutoCloseable {
    String id();

    /** Flink's job status name, e.g. RUNNING, RESTARTING, FAILED. */
    String status();

    /** Cancels the job and waits for it to stop. */
    @Override
    void close();
}
