package org.ember.jobs.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery meters in the global registry: {@code ember_deliveries_total{outcome}} and
 * {@code ember_deliveries_pending} (messages waiting for a channel to come back). An alert on
 * undeliverable or long-pending messages belongs in the operators' Prometheus rules.
 */
final class DeliveryMetrics {
    private static final AtomicLong PENDING = registerPending();

    private DeliveryMetrics() {}

    static Counter outcome(String outcome) {
        return Counter.builder("ember.deliveries").description("Delivery attempts and decisions by outcome")
                .tag("outcome", outcome).register(Metrics.globalRegistry);
    }

    static AtomicLong pending() {
        return PENDING;
    }

    private static AtomicLong registerPending() {
        AtomicLong pending = new AtomicLong();
        Gauge.builder("ember.deliveries.pending", pending, AtomicLong::get)
                .description("Notifications waiting to be retried while their channel is down")
                .register(Metrics.globalRegistry);
        return pending;
    }
}
