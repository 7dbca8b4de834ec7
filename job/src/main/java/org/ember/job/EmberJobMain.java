package org.ember.job;

import java.nio.file.Path;
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
 * [--consumer-group <id>] [--checkpoint-interval-ms <ms>] [--production]}.
 */
public final class EmberJobMain {
    private EmberJobMain() {}

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        Deployment deployment = JobComposition.deployment(arguments, System.getenv());
        Path outbox = Path.of(System.getProperty("java.io.tmpdir"), "ember-outbox");
        JobSettings settings = JobComposition.settings(arguments, System.getenv(), deployment,
                JobComposition.delivery(deployment, null, outbox));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobComposition.attach(env, arguments, settings, deployment.kafka().properties());
        env.execute("ember");
    }
}
