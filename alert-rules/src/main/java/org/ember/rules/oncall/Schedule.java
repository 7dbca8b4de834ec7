package org.ember.rules.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A team's duty rota: layers of rotations (a later layer covers an earlier one where it has
 * someone on duty, e.g. a weekend layer over the weekday one) and overrides above all of them
 * (the last override listed wins where two overlap).
 */
public record Schedule(String id, String team, List<Rotation> layers, List<ScheduleOverride> overrides) {
    public Schedule {
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
    }

    /** Who is on duty at {@code at}, resolved at that moment; empty when nobody is. */
    public Optional<OnCallShift> onCall(Instant at) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            ScheduleOverride override = overrides.get(i);
            if (override.covers(at)) {
                return Optional.of(new OnCallShift(override.person(), "override", override.start(), override.end()));
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<OnCallShift> shift = layers.get(i).onCall(at);
            if (shift.isPresent()) {
                return shift;
            }
        }
        return Optional.empty();
    }
}
