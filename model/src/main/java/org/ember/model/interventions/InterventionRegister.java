package org.ember.model.interventions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interventions accepted so far, by id, keeping each one's latest version. A new record that
 * repeats another intervention (same type and partner, shared areas or cells, overlapping time,
 * different id) is an overlapping duplicate: counting it twice would double the dosage and the
 * treated area-weeks, so it is refused with the id it duplicates.
 */
public final class InterventionRegister {
    private final Map<String, Intervention> byId = new LinkedHashMap<>();

    /** Accepts the record (empty) or says why it is a duplicate. */
    public Optional<String> offer(Intervention r) {
        Intervention previous = byId.get(r.interventionId());
        if (previous != null && previous.versionOrDefault() >= r.versionOrDefault()) {
            return Optional.of("version " + r.versionOrDefault() + " of " + r.interventionId() + " is not newer than version "
                    + previous.versionOrDefault());
        }
        if (!r.cancelled()) {
            for (Intervention other : byId.values()) {
                if (!other.interventionId().equals(r.interventionId()) && !other.cancelled() && overlaps(other, r)) {
                    return Optional.of("overlapping duplicate of " + other.interventionId() + " (same type, partner, "
                            + other.layer() + "s and time)");
                }
            }
        }
        byId.put(r.interventionId(), r);
        return Optional.empty();
    }

    /** Latest version of every intervention that is not cancelled, in arrival order. */
    public List<Intervention> active() {
        return byId.values().stream().filter(i -> !i.cancelled()).toList();
    }

    static boolean overlaps(Intervention a, Intervention b) {
        if (!a.type().equals(b.type()) || !a.partner().equals(b.partner()) || !a.layer().equals(b.layer())) {
            return false;
        }
        if (!a.start().isBefore(b.end()) || !b.start().isBefore(a.end())) {
            return false;
        }
        Set<String> units = new HashSet<>(a.units());
        return b.units().stream().anyMatch(units::contains);
    }
}
