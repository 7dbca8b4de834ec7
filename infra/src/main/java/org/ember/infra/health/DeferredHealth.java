package org.ember.infra.health;

import java.util.Map;
import org.ember.console.health.HealthReport;
import org.ember.console.health.HealthSource;

/**
 * The console is configured before the job it reports on exists (the job needs the console's URL
 * for its links): this source says "not started" until the job's {@link JobHealthWatch} is set.
 */
public final class DeferredHealth implements HealthSource {
    private volatile HealthSource source;

    public void set(HealthSource watch) {
        this.source = watch;
    }

    @Override
    public HealthReport check() {
        HealthSource current = source;
        return current == null ? new HealthReport(false, false, Map.of("job", "not started yet")) : current.check();
    }
}
