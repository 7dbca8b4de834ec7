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
    /** Most matchers in one silence. */
    public static final int MAX_MATCHERS = 16;

    public enum State { PENDING, ACTIVE, EXPIRED }

    public Silence {
        matchers = List.copyOf(matchers);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a silence needs an id");
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new IllegalArgumentException("a silence has at most " + MAX_MATCHERS + " matchers");
        }
        if (matchers.stream().allMatch(m -> m.matches(Map.of())) || AlertLabelSpace.matchesEveryAlert(matchers)) {
            throw new IllegalArgumentException("a silence must not match every alert: these matchers hold for every "
                    + "alert Ember can raise; name a rule, an area or a local authority, e.g. lad=\"W06000015\"");
        }
        if (endsAt <= startsAt) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        // Checked here too, not only in create(): a silence written straight to the topic is read through this.
        if (endsAt - startsAt > MAX_LENGTH.toMillis()) {
            throw new IllegalArgumentException("a silence may last at most " + MAX_LENGTH.toDays() + " days");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("a silence needs its author (created_by)");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("a silence needs a comment saying why");
        }
        if (createdBy.length() > 100 || comment.length() > 1000 || id.length() > 128) {
            throw new IllegalArgumentException("a silence's author is at most 100 characters, its comment 1000");
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
