package org.ember.infra.cli;

import java.util.concurrent.Callable;
import org.ember.infra.EmberPaths;
import org.ember.infra.cluster.ClusterFiles;
import org.ember.infra.cluster.FlinkRest;
import org.ember.infra.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember savepoint}: a savepoint of the running Ember job on the loopback cluster, or with
 * {@code --stop} the job stopped with one (the first half of an upgrade; docs/cluster.md).
 */
@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = "Takes a savepoint of the Ember job on `ember cluster` (--stop: stop the job with one) and prints its path.")
public final class SavepointCommand implements Callable<Integer> {
    @Option(names = "--stop", description = "Stop the job with the savepoint (for an upgrade).")
    boolean stop;

    @Option(names = "--job", description = "Job id (default: the running job named ember).")
    String jobId;

    @Override
    public Integer call() {
        LocalCluster cluster;
        try {
            cluster = ClusterFiles.running(EmberPaths.home());
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        FlinkRest rest = cluster.rest();
        String id = jobId != null ? jobId : rest.jobs().stream()
                .filter(j -> j.name().equals("ember") && j.state().equals("RUNNING")).map(FlinkRest.JobStatus::id)
                .findFirst().orElseThrow(() -> new UserError("no running job named ember at " + cluster.restUrl()));
        String path = rest.savepoint(id, null, stop, java.time.Duration.ofMinutes(5));
        System.out.println(path);
        if (stop) {
            System.out.println("Job " + id + " stopped. Resume: ember job --cluster --from-savepoint " + path);
        }
        return 0;
    }
}
