package org.ember.rules.silence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ember.rules.routing.Matcher;

/**
 * "Do not tell anyone about alerts like these until then": matchers on labels, a start, an end
 * that is always there (a silence cannot be open-ended), who made it and why. A silence stops
 * notifications, repeats and escalation; the alert itself still fires, shows on the map and
 * reaches the CAP feed.
 *
 * @param id        unique id
 * @param matchers  all must hold for an alert to be silenced; at least one must need a non-empty label
 * @param startsAt  epoch milliseconds
 * @param endsAt    epoch milliseconds, after startsAt
 * @param createdBy author
 * @param comment   why (required: the next duty officer must understand it)
 * @param createdAt epoch milliseconds
 */
public record Silence(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy, String comment,
        long createdAt) {

    /** The longest a silence may last: long enough for a planned event, short enough to be reviewed. */
    public static final Duration MAX_LENGTH = Duration.ofDays(30);

    public enum State { PENDING, ACTIVE, EXPIRED }

    public Silence {
        matchers = List.copyOf(matchers);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a silence needs an id");
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
            throw new IllegalArgumentException("a silence must not match every alert: at least one matcher must need "
                    + "a label value, e.g. lad=\"W06000015\"");
        }
        if (endsAt <= startsAt) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("a silence needs its author (created_by)");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment saying why");
        }
    }

    /** A new silence, checked against {@link #MAX_LENGTH} (the record itself accepts any stored one). */
    public static Silence create(String id, List<Matcher> matchers, long startsAt, long endsAt, String createdBy,
            String comment, long now) {
        if (endsAt - startsAt > MAX_LENGTH.toMillis()) {
            throw new IllegalArgumentException("a silence may last at most " + MAX_LENGTH.toDays() + " days");
        }
        if (endsAt <= now) {
            throw new IllegalArgumentException("a silence must end in the future");
        }
        return new Silence(id, matchers, startsAt, endsAt, createdBy, comment, now);
    }

    public State state(long now) {
        if (now < startsAt) {
            return State.PENDING;
        }
        return now < endsAt ? State.ACTIVE : State.EXPIRED;
    }

    public boolean silences(Map<String, String> labels, long now) {
        return state(now) == State.ACTIVE && Matcher.all(matchers, labels);
    }

    /** The same silence ending now (or as it was, if it has already ended). */
    public Silence expire(long now) {
        if (endsAt <= now) {
            return this;
        }
        // A pending silence is expired too: it then never takes effect.
        return new Silence(id, matchers, Math.min(startsAt, now - 1), now, createdBy, comment, createdAt);
    }
}
