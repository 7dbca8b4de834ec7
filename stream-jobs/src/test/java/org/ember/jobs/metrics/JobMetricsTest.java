package org.ember.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The job's metrics land in the operator's Flink metric group, under the names the Prometheus rules read. */
class JobMetricsTest {

    /** A metric group that remembers what was registered, by its scope path (key-value groups as key=value). */
    private static final class Recording extends UnregisteredMetricsGroup {
        private final String path;
        private final Map<String, Metric> registered;

        Recording(String path, Map<String, Metric> registered) {
            this.path = path;
            this.registered = registered;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new SimpleCounter());
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            registered.put(path + name, counter);
            return counter;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            registered.put(path + name, gauge);
            return gauge;
        }

        @Override
        public MetricGroup addGroup(String name) {
            return new Recording(path + name + ".", registered);
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Recording(path + key + "=" + value + ".", registered);
        }
    }

    @Test
    void countersAndGaugesAreRegisteredInTheOperatorsGroupUnderEmber() {
        Map<String, Metric> registered = new HashMap<>();
        JobMetrics metrics = JobMetrics.of(new Recording("", registered));

        JobMetrics.Count in = metrics.recordsIn("ae");
        in.increment();
        in.increment();
        metrics.recordsDeadLettered("ae").increment();
        metrics.lastRecordSeconds("ae").set(1_700_000_000L);
        metrics.alertsRaised("knife-crime").increment();
        metrics.alertsRaised("knife-crime").increment();
        metrics.ruleSnapshots("rejected").increment();
        metrics.ruleVersion().set(7);
        metrics.deliveries("undeliverable").increment();
        metrics.eventTimeLag().set(3600);
        metrics.buildInfo();

        assertThat(((Counter) registered.get("ember.feed=ae.records_in")).getCount()).isEqualTo(2);
        assertThat(((Counter) registered.get("ember.feed=ae.records_dead_lettered")).getCount()).isEqualTo(1);
        assertThat(((Gauge<?>) registered.get("ember.feed=ae.last_record_seconds")).getValue()).isEqualTo(1_700_000_000L);
        // Per-rule counters are created once and reused, not re-registered for every alert.
        assertThat(((Counter) registered.get("ember.rule=knife-crime.alerts_raised")).getCount()).isEqualTo(2);
        assertThat(((Counter) registered.get("ember.outcome=rejected.rule_snapshots")).getCount()).isEqualTo(1);
        assertThat(((Gauge<?>) registered.get("ember.rules_version")).getValue()).isEqualTo(7L);
        assertThat(((Counter) registered.get("ember.outcome=undeliverable.deliveries")).getCount()).isEqualTo(1);
        assertThat(((Gauge<?>) registered.get("ember.event_time_lag_seconds")).getValue()).isEqualTo(3600L);
        assertThat(registered.keySet()).anyMatch(k -> k.matches("ember\\.version=\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.build_info"));
        // The demo's in-JVM mirror keeps its old meaning.
        assertThat(JobMetrics.eventTimeLagSeconds().get()).isEqualTo(3600L);
    }

    @Test
    void theOutcomesTheAlertingRulesReadExistAtZeroBeforeTheFirstOne() {
        // increase() over a series that first appears at 1 is 0: the first rejected push or undeliverable
        // notification after a start would page nobody (found on the cluster's real endpoint, ClusterFaultIT).
        Map<String, Metric> registered = new HashMap<>();
        JobMetrics metrics = JobMetrics.of(new Recording("", registered));
        metrics.ruleVersion();
        metrics.deliveriesPending(new java.util.concurrent.atomic.AtomicLong());

        for (String outcome : java.util.List.of("accepted", "rejected", "ignored")) {
            assertThat(((Counter) registered.get("ember.outcome=" + outcome + ".rule_snapshots")).getCount()).isZero();
        }
        assertThat(((Counter) registered.get("ember.outcome=undeliverable.deliveries")).getCount()).isZero();
        metrics.ruleSnapshots("rejected").increment();
        assertThat(((Counter) registered.get("ember.outcome=rejected.rule_snapshots")).getCount()).isEqualTo(1);
    }
}
