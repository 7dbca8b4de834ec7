package org.ember.jobs.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The job's Micrometer meters, registered in the global registry: the process that runs the job
 * (the demo, or a Flink TaskManager with a Prometheus registry added) decides where they are served.
 * Names follow Prometheus conventions once exported ({@code ember_records_in_total{feed="police"}}).
 */
public final class JobMetrics {
    private JobMetrics() {}

    private static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    public static Counter recordsIn(String feed) {
        return Counter.builder("ember.records.in").description("Feed records read").tag("feed", feed).register(registry());
    }

    public static Counter recordsProcessed(String feed) {
        return Counter.builder("ember.records.processed").description("Feed records ingested")
                .tag("feed", feed).register(registry());
    }

    public static Counter recordsDeadLettered(String feed) {
        return Counter.builder("ember.records.dead_lettered").description("Feed records sent to the dead-letter topic")
                .tag("feed", feed).register(registry());
    }

    public static Counter lateRecords() {
        return Counter.builder("ember.records.late").description("Reports that arrived after their hour was counted")
                .register(registry());
    }

    public static Counter corrections(String outcome) {
        return Counter.builder("ember.records.versions").description("Versioned records by outcome")
                .tag("outcome", outcome).register(registry());
    }

    /**
     * How far event time is held back: the newest event time seen minus the current watermark, in
     * seconds. Large values mean a slow or out-of-order feed is holding back every window; it is the
     * figure to watch before blaming the rules for a late alert.
     */
    public static java.util.concurrent.atomic.AtomicLong eventTimeLagSeconds() {
        return EVENT_TIME_LAG;
    }

    private static final java.util.concurrent.atomic.AtomicLong EVENT_TIME_LAG = registerLagGauge();

    private static java.util.concurrent.atomic.AtomicLong registerLagGauge() {
        java.util.concurrent.atomic.AtomicLong lag = new java.util.concurrent.atomic.AtomicLong();
        io.micrometer.core.instrument.Gauge.builder("ember.event_time.lag", lag, java.util.concurrent.atomic.AtomicLong::get)
                .description("Newest event time seen minus the current watermark")
                .baseUnit("seconds")
                .register(registry());
        return lag;
    }

    public static Counter alertsRaised(String rule) {
        return Counter.builder("ember.alerts.raised").description("Alerts that started firing").tag("rule", rule)
                .register(registry());
    }

    /**
     * Record appended to its feed topic → alert transition leaving the rule evaluator, for the
     * transitions a record tipped (not those of {@code for} deadlines or window exits). The Kafka sink
     * adds its linger and the broker round trip; {@code ember bench} measures through to a consumer.
     */
    public static io.micrometer.core.instrument.Timer recordToAlertLatency() {
        return io.micrometer.core.instrument.Timer.builder("ember.alert.latency")
                .description("Input record appended to Kafka to alert transition emitted")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofHours(2))
                .register(registry());
    }

    /** Record appended to its feed topic → notification about the alert it tipped accepted by the channel. */
    public static io.micrometer.core.instrument.Timer recordToNotificationLatency() {
        return io.micrometer.core.instrument.Timer.builder("ember.notification.latency")
                .description("Input record appended to Kafka to notification sent")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofHours(2))
                .register(registry());
    }
}
