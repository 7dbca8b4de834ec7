package org.ember.rules.oncall;

import java.time.Instant;

/** Someone covering a schedule for a while (swap, sickness), above every layer. */
public record ScheduleOverride(String person, Instant start, Instant end) {
    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
