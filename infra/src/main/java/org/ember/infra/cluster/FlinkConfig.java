package org.ember.infra.cluster;

import java.nio.file.Path;

/** The loopback cluster's Flink configuration (Flink 2's config.yaml) and logging. */
final class FlinkConfig {
    private FlinkConfig() {}

    static String yaml(ClusterPorts ports, Path checkpoints, Path savepoints, int slots) {
        return String.join("\n",
                "# Written by `ember cluster up`. Everything is bound to 127.0.0.1.",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + ports.jobManagerRpc(),
                "jobmanager.bind-host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + ports.rest(),
                "blob.server.port: " + ports.blob(),
                "jobmanager.memory.process.size: 768m",
                "taskmanager.memory.process.size: 1600m",
                // The hashmap state backend keeps state on the heap: give the heap what managed memory would take.
                "taskmanager.memory.managed.fraction: 0.05",
                "taskmanager.numberOfTaskSlots: " + slots,
                "parallelism.default: 2",
                // Upload and run jars over REST: that is how `ember job --cluster` submits.
                "web.submit.enable: true",
                "web.cancel.enable: false",
                "state.backend.type: hashmap",
                "execution.checkpointing.dir: " + checkpoints.toUri(),
                "execution.checkpointing.savepoint-dir: " + savepoints.toUri(),
                // Retained: after a crash of the whole cluster, restore from the newest one by its path.
                "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                "execution.checkpointing.num-retained: 3",
                "execution.checkpointing.timeout: 2 min",
                "execution.checkpointing.tolerable-failed-checkpoints: 3",
                // A lost TaskManager is a restart, not the end of the job: keep trying, a little apart.
                "restart-strategy.type: exponential-delay",
                "restart-strategy.exponential-delay.initial-backoff: 1 s",
                "restart-strategy.exponential-delay.max-backoff: 10 s",
                "restart-strategy.exponential-delay.attempts-before-reset-backoff: 1000",
                // Notice a SIGKILLed TaskManager within 20 s instead of the default 50.
                "heartbeat.interval: 2000",
                "heartbeat.timeout: 20000",
                // On a busy shared machine the defaults (10 s) let a TaskManager die while starting.
                "pekko.startup-timeout: 60 s",
                "pekko.ask.timeout: 60 s",
                "slot.request.timeout: 120000",
                "metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.host: 127.0.0.1",
                "");
    }

    static String log4j() {
        return String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "appender.main.name = MainAppender",
                "appender.main.type = RollingFile",
                "appender.main.append = true",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.filePattern = ${sys:log.file}.%i",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "appender.main.policies.type = Policies",
                "appender.main.policies.size.type = SizeBasedTriggeringPolicy",
                "appender.main.policies.size.size = 50MB",
                "appender.main.strategy.type = DefaultRolloverStrategy",
                "appender.main.strategy.max = 3",
                "");
    }
}
