package org.ember.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ember.infra.EmberPaths;
import org.ember.infra.cluster.ClusterFiles;
import org.ember.infra.cluster.FlinkRest;
import org.ember.infra.cluster.LocalCluster;
import org.ember.jobs.area.RetiredOperators;
import org.ember.jobs.compose.JobArguments;

/**
 * {@code ember job --cluster}: uploads the job jar to the loopback cluster and runs its main with
 * the same arguments {@code ember job} composes locally. The main runs in the JobManager, so the
 * pseudonymisation key is the JobManager's environment (the one {@code ember cluster up} had).
 */
final class ClusterSubmit {
    private ClusterSubmit() {}

    static int submit(JobCommand command, Path data, Map<String, String> environment) {
        refuseRetiredState(command.fromSavepoint);
        Path home = EmberPaths.home();
        LocalCluster cluster;
        Path jar;
        try {
            cluster = ClusterFiles.running(home);
            jar = ClusterFiles.jobJar(home);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        String bootstrap = command.bootstrapServers != null ? command.bootstrapServers : cluster.bootstrapServers();
        JobArguments arguments = command.arguments(bootstrap, data)
                .withDeliveryLedger(cluster.flink().deliveryLedger().toUri().toString());
        FlinkRest rest = cluster.rest();
        String jarId = rest.upload(jar);
        String jobId;
        try {
            jobId = rest.run(jarId, arguments.toArgs(), command.parallelism, command.fromSavepoint);
        } catch (IllegalStateException e) {
            throw new UserError("the cluster refused the job: " + e.getMessage());
        }
        System.out.println("Ember job " + jobId + " submitted to " + cluster.restUrl()
                + (command.fromSavepoint != null ? ", restoring " + command.fromSavepoint : "")
                + "; reads " + bootstrap);
        return 0;
    }

    /**
     * The check {@code ember job} makes before a local restore, made before the upload: Flink itself
     * refuses such a checkpoint only with its generic "cannot map state" message.
     */
    static void refuseRetiredState(String restorePath) {
        try {
            RetiredOperators.check(restorePath);
        } catch (RetiredOperators.RetiredStateException e) {
            throw new UserError(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read the checkpoint " + restorePath + ": " + e.getMessage());
        }
    }
}
