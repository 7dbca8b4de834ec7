package org.ember.console.health;
/** What the console's /healthz and /readyz say: the state of the job behind the console. */
public interface HealthSource {
    HealthReport check();
}
