package org.ember.infra.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The job's record counters as the demo reports them. {@code in = processed + dead_lettered} holds
 * by construction in ingest; the summary prints all three so anyone can check it.
 */
public record PipelineCounts(long in, long processed, long deadLettered, long late) {

    public static PipelineCounts read(MeterRegistry registry) {
        return new PipelineCounts(sum(registry, "ember.records.in"), sum(registry, "ember.records.processed"),
                sum(registry, "ember.records.dead_lettered"), sum(registry, "ember.records.late"));
    }

    private static long sum(MeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    public boolean reconciles() {
        return in == processed + deadLettered;
    }

    public String summaryLine(long alerts) {
        return "SUMMARY in=" + in + " processed=" + processed + " dead_lettered=" + deadLettered + " alerts=" + alerts;
    }
}
