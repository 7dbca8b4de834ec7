package org.ember.console.health;
import java.util.Map;
/** healthy: the job is running and checkpointing; ready: it also reads every feed. details: name → value for the JSON body. */
public record HealthReport(boolean healthy, boolean ready, Map<String, String> details) {}
