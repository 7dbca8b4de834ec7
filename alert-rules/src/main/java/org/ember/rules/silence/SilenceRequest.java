package org.ember.rules.silence;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.ember.rules.routing.DurationText;
import org.ember.rules.routing.Matcher;

/**
 * What an operator asks for, from the console's JSON or the command line, before it is checked:
 * matchers as text, a start (default now), an end or a duration, the author and a comment.
 *
 * @param matchers  e.g. {@code lad="W06000011"}
 * @param startsAt  ISO-8601 instant or null (now)
 * @param endsAt    ISO-8601 instant or null (then {@code duration} is required)
 * @param duration  e.g. {@code 2h}; or null when {@code endsAt} is given
 * @param createdBy author
 * @param comment   why
 */
public record SilenceRequest(List<String> matchers, String startsAt, String endsAt, String duration, String createdBy,
        String comment) {

    /** Checks the request and makes the silence, or says in one message what is wrong. */
    public Silence toSilence(String id, Instant now) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("give at least one matcher, e.g. lad=\"W06000011\"");
        }
        List<Matcher> parsed = new ArrayList<>();
        for (String text : matchers) {
            parsed.add(Matcher.parse(text));
        }
        Instant start = startsAt == null || startsAt.isBlank() ? now : instant(startsAt, "starts_at");
        Instant end;
        if (endsAt != null && !endsAt.isBlank()) {
            if (duration != null && !duration.isBlank()) {
                throw new IllegalArgumentException("give either an end or a duration, not both");
            }
            end = instant(endsAt, "ends_at");
        } else if (duration != null && !duration.isBlank()) {
            Duration length = DurationText.parse(duration);
            end = start.plus(length);
        } else {
            throw new IllegalArgumentException("a silence always expires: give an end (ends_at) or a duration (e.g. 2h)");
        }
        return Silence.create(id, parsed, start.toEpochMilli(), end.toEpochMilli(), createdBy, comment, now.toEpochMilli());
    }

    private static Instant instant(String text, String field) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a time like 2025-10-25T20:00:00+01:00", e);
        }
    }
}
