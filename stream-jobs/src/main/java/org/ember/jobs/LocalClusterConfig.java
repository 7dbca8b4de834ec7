package org.ember.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The closed doors of the local cluster the demo and {@code ember job} run on. Flink's REST
 * endpoint is unauthenticated: bound to every interface, anyone on the network could cancel the
 * job, submit jars or read thread dumps. Here it listens on loopback only, and RPC binds to
 * loopback too. The web flags switch the dashboard's cancel, submit and rescale off; note that in
 * Flink 2.2 {@code web.cancel.enable} only hides the button, the REST cancel call still works for
 * whoever can reach the port, so loopback (or, on a cluster, an authenticating proxy in front of
 * REST; see docs/security.md) is the actual defence.
 */
public final class LocalClusterConfig {
    public static final String LOOPBACK = "127.0.0.1";

    private LocalClusterConfig() {}

    /** Applies the loopback-only, no-cancel settings to a configuration and returns it. */
    public static Configuration closed(Configuration config) {
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(WebOptions.CANCEL_ENABLE, false);
        config.set(WebOptions.SUBMIT_ENABLE, false);
        config.set(WebOptions.RESCALE_ENABLE, false);
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        return config;
    }
}
