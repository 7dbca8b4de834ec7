package org.ember.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.deployment.Deployment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.compose.JobArguments;
import org.ember.jobs.compose.JobComposition;

/**
 * The job jar's entry point. It runs on whatever execution environment it is given: submitted to a
 * session cluster over REST, started by the Flink Kubernetes Operator in application mode, or run
 * locally. Checkpoint storage, restart strategy and restore ({@code execution.state-recovery.path},
 * a savepoint or retained checkpoint) are the cluster's settings, not the jar's.
 *
 * <p>Arguments: {@code --deployment <file> --bootstrap-servers <hosts> --data-dir <dir> [--rules <path>]
 * --delivery-ledger <dir or URI> [--consumer-group <id>] [--checkpoint-interval-ms <ms>] [--production]}; the
 * delivery ledger must be a location every TaskManager reaches (docs/deployment.md).
 */
public final class EmberJobMain {
    private EmberJobMain() {}

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        Deployment deployment = JobComposition.deployment(arguments, System.getenv());
        JobSettings settings = JobComposition.settings(arguments, System.getenv(), deployment,
                JobComposition.jarDelivery(arguments, deployment));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobComposition.attach(env, arguments, settings, deployment.kafka().properties());
        env.execute("ember");
    }
}
