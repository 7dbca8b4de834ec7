package org.ember.jobs.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.snapshot.RuleEvent;

/**
 * The job's metrics, in Flink's own metric system: each operator registers them in its metric
 * group under {@code ember}, so on a cluster every TaskManager's reporter (Prometheus:
 * {@code flink_taskmanager_job_task_operator_ember_records_in{feed="police",…}}) serves them, with
 * job, task and subtask labels. Operators get theirs with {@link #of(RuntimeContext)} in {@code open}.
 *
 * <p>Every counter is mirrored into Micrometer's global registry under its old name
 * ({@code ember.records.in}): the demo, which runs the job in its own JVM, reads those to reconcile
 * its SUMMARY. On a cluster the mirror is per TaskManager and unread; Flink's metrics are the record.
 */
public final class JobMetrics {
    private static final AtomicLong EVENT_TIME_LAG = registerLagMirror();

    private final MetricGroup ember;
    private final Map<String, Count> alertsRaised = new HashMap<>();
    private final Map<String, Count> ruleEvents = new HashMap<>();
    private final Map<String, Count> deliveries = new HashMap<>();

    private JobMetrics(MetricGroup ember) {
        this.ember = ember;
    }

    /** The metrics of the operator whose runtime context this is. */
    public static JobMetrics of(RuntimeContext context) {
        return of(context.getMetricGroup());
    }

    public static JobMetrics of(MetricGroup operatorGroup) {
        return new JobMetrics(operatorGroup.addGroup("ember"));
    }

    /** A counter in Flink's metric group with its Micrometer mirror. */
    public static final class Count {
        private final org.apache.flink.metrics.Counter flink;
        private final io.micrometer.core.instrument.Counter mirror;

        Count(org.apache.flink.metrics.Counter flink, io.micrometer.core.instrument.Counter mirror) {
            this.flink = flink;
            this.mirror = mirror;
        }

        public void increment() {
            flink.inc();
            mirror.increment();
        }

        public long count() {
            return flink.getCount();
        }
    }

    private Count count(String name, String mirrorName, String description, String labelKey, String labelValue) {
        MetricGroup group = labelKey == null ? ember : ember.addGroup(labelKey, labelValue);
        var mirror = io.micrometer.core.instrument.Counter.builder(mirrorName)
                .description(description);
        if (labelKey != null) {
            mirror.tag(labelKey, labelValue);
        }
        return new Count(group.counter(name), mirror.register(io.micrometer.core.instrument.Metrics.globalRegistry));
    }

    public Count recordsIn(String feed) {
        return count("records_in", "ember.records.in", "Feed records read", "feed", feed);
    }

    public Count recordsProcessed(String feed) {
        return count("records_processed", "ember.records.processed", "Feed records ingested", "feed", feed);
    }

    public Count recordsDeadLettered(String feed) {
        return count("records_dead_lettered", "ember.records.dead_lettered", "Feed records sent to the dead-letter topic", "feed", feed);
    }

    /**
     * Wall-clock time (Unix seconds) this task last read a record of {@code feed}: the feed-silence
     * alert compares its age with the feed's usual gap at this hour of the week.
     */
    public AtomicLong lastRecordSeconds(String feed) {
        AtomicLong last = new AtomicLong();
        ember.addGroup("feed", feed).gauge("last_record_seconds", (Gauge<Long>) last::get);
        return last;
    }

    public Count lateRecords() {
        return count("records_late", "ember.records.late", "Reports that arrived after their hour was counted", null, null);
    }

    /**
     * Inputs a keyed stage received after the watermark had passed their arrival time (an idle
     * partition woke up, a producer's clock lagged): applied at once, out of canonical order.
     */
    public Count lateByArrival(String stage) {
        return count("records_late_by_arrival", "ember.records.late_by_arrival",
                "Inputs applied out of canonical order because the clock had passed their arrival", "stage", stage);
    }

    /**
     * Times a quiet live feed stopped holding the job's clock without the broker confirming it had
     * been read to the end (see KafkaArrivalClock): records it still had may then be applied late.
     */
    public Count forcedIdle(String topic) {
        return count("feed_forced_idle", "ember.feed.forced_idle",
                "Quiet feeds that stopped holding the clock without the broker confirming the end", "topic", topic);
    }

    public Count corrections(String outcome) {
        return count("records_versions", "ember.records.versions", "Versioned records by outcome", "outcome", outcome);
    }

    /**
     * How far event time is held back: the newest event time seen minus the current watermark, in
     * seconds. Large values mean a slow or out-of-order feed is holding back every window; it is the
     * figure to watch before blaming the rules for a late alert. Set it with {@link EventTimeLag#set}.
     */
    public EventTimeLag eventTimeLag() {
        AtomicLong lag = new AtomicLong();
        ember.gauge("event_time_lag_seconds", (Gauge<Long>) lag::get);
        return new EventTimeLag(lag);
    }

    /** The event-time lag of one operator instance, mirrored to the process-wide Micrometer gauge. */
    public static final class EventTimeLag {
        private final AtomicLong lag;

        EventTimeLag(AtomicLong lag) {
            this.lag = lag;
        }

        public void set(long seconds) {
            lag.set(seconds);
            EVENT_TIME_LAG.set(seconds);
        }
    }

    /** The Micrometer mirror of the event-time lag (the demo's JVM). */
    public static AtomicLong eventTimeLagSeconds() {
        return EVENT_TIME_LAG;
    }

    public Count alertsRaised(String rule) {
        return alertsRaised.computeIfAbsent(rule, r -> count("alerts_raised", "ember.alerts.raised", "Alerts that started firing", "rule", r));
    }

    /** Rule snapshots from {@code ember.rules} by outcome: accepted, rejected (a rejected push pages someone). */
    public Count ruleSnapshots(String outcome) {
        return ruleEvents.computeIfAbsent(outcome,
                o -> count("rule_snapshots", "ember.rules.snapshots", "Rule snapshots read by outcome", "outcome", o));
    }

    /**
     * The version of the rule set in force (0 until a snapshot from ember.rules is accepted). Also
     * registers the snapshot outcome counters at zero: Prometheus' {@code increase()} cannot see a
     * series that first appears already at 1, so the first rejected push after a start would not page.
     */
    public AtomicLong ruleVersion() {
        AtomicLong version = new AtomicLong();
        ember.gauge("rules_version", (Gauge<Long>) version::get);
        for (String outcome : List.of(RuleEvent.ACCEPTED, RuleEvent.REJECTED, RuleEvent.IGNORED)) {
            ruleSnapshots(outcome);
        }
        return version;
    }

    /** Delivery attempts and decisions by outcome: sent, failed, undeliverable, duplicate, silenced, … */
    public Count deliveries(String outcome) {
        return deliveries.computeIfAbsent(outcome,
                o -> count("deliveries", "ember.deliveries", "Delivery attempts and decisions by outcome", "outcome", o));
    }

    /**
     * Notifications waiting for a channel to come back, as a gauge of this operator; also the
     * undeliverable counter at zero, so the first undeliverable notification is an increase.
     */
    public void deliveriesPending(AtomicLong pending) {
        ember.gauge("deliveries_pending", (Gauge<Long>) pending::get);
        deliveries(DeliveryRecord.UNDELIVERABLE);
    }

    /** {@code ember_build_info{version=…} 1}: which Ember a TaskManager runs (for dashboards and upgrades). */
    public void buildInfo() {
        ember.addGroup("version", BUILD_VERSION).gauge("build_info", (Gauge<Integer>) () -> 1);
    }

    private static final String BUILD_VERSION = readBuildVersion();

    private static String readBuildVersion() {
        java.util.Properties props = new java.util.Properties();
        try (var in = JobMetrics.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }

    private static AtomicLong registerLagMirror() {
        AtomicLong lag = new AtomicLong();
        io.micrometer.core.instrument.Gauge.builder("ember.event_time.lag", lag, AtomicLong::get)
                .description("Newest event time seen minus the current watermark")
                .baseUnit("seconds")
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
        return lag;
    }

    /**
     * Record appended to its feed topic → alert transition leaving the rule evaluator, for the
     * transitions a record tipped (not those of {@code for} deadlines or window exits): a Flink
     * histogram of the operator (quantiles on the cluster's Prometheus endpoint), mirrored to the
     * Micrometer timer {@code ember.alert.latency} that {@code ember bench} reads in its own JVM.
     */
    public Latency recordToAlertLatency() {
        org.apache.flink.metrics.Histogram histogram = ember.histogram("alert_latency_ms",
                new org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram(1024));
        io.micrometer.core.instrument.Timer mirror = io.micrometer.core.instrument.Timer.builder("ember.alert.latency")
                .description("Input record appended to Kafka to alert transition emitted")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofHours(2))
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
        return new Latency(histogram, mirror);
    }

    /** A latency histogram in Flink's metric group with its Micrometer mirror. */
    public static final class Latency {
        private final org.apache.flink.metrics.Histogram flink;
        private final io.micrometer.core.instrument.Timer mirror;

        Latency(org.apache.flink.metrics.Histogram flink, io.micrometer.core.instrument.Timer mirror) {
            this.flink = flink;
            this.mirror = mirror;
        }

        public void record(long amount, java.util.concurrent.TimeUnit unit) {
            flink.update(unit.toMillis(amount));
            mirror.record(amount, unit);
        }
    }

    /**
     * Record appended to its feed topic → notification about the alert it tipped accepted by the
     * channel: a Flink histogram with the Micrometer mirror {@code ember.notification.latency}.
     */
    public Latency recordToNotificationLatency() {
        if (notificationLatency == null) {
            notificationLatency = latency("notification_latency_ms", "ember.notification.latency",
                    "Input record appended to Kafka to notification sent");
        }
        return notificationLatency;
    }

    private Latency notificationLatency;

    private Latency latency(String name, String mirrorName, String description) {
        org.apache.flink.metrics.Histogram histogram = ember.histogram(name,
                new org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram(1024));
        io.micrometer.core.instrument.Timer mirror = io.micrometer.core.instrument.Timer.builder(mirrorName)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofHours(2))
                .register(io.micrometer.core.instrument.Metrics.globalRegistry);
        return new Latency(histogram, mirror);
    }
}
