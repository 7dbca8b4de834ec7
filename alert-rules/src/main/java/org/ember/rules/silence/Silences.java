package org.ember.rules.silence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences known, latest version of each by id (an expiry is a new version with an earlier
 * end). Not thread-safe; the job keeps its own copy in broadcast state, the CLI folds the topic.
 */
public final class Silences {
    private final Map<String, Silence> byId = new LinkedHashMap<>();

    public void put(Silence silence) {
        byId.put(silence.id(), silence);
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The silence that mutes these labels now, if any (the one ending last, so the wait is known). */
    public Optional<Silence> silencing(Map<String, String> labels, long now) {
        return silencing(byId.values(), labels, now);
    }

    public static Optional<Silence> silencing(Iterable<Silence> silences, Map<String, String> labels, long now) {
        Silence found = null;
        for (Silence silence : silences) {
            if (silence.silences(labels, now) && (found == null || silence.endsAt() > found.endsAt())) {
                found = silence;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every silence, those ending soonest first. */
    public List<Silence> all() {
        List<Silence> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparingLong(Silence::endsAt).thenComparing(Silence::id));
        return all;
    }
}
