package org.ember.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions held in memory (the console is one process; a restart logs everybody out, which is the
 * safe failure). A session ends after {@code idle} without a request or {@code absolute} after login,
 * whichever comes first, and at logout.
 */
public final class Sessions {
    public static final String COOKIE = "ember_session";
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(Session session, Instant lastSeen) {}

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Sessions() {
        this(Clock.systemUTC(), IDLE, ABSOLUTE);
    }

    public Session open(User user) {
        Instant now = clock.instant();
        Session session = new Session(token(), user, token(), now);
        sessions.put(session.id(), new Entry(session, now));
        sessions.values().removeIf(e -> expired(e, now)); // logins are rare: a sweep here keeps the map small
        return session;
    }

    /** The live session for a cookie value, touched; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = sessions.get(id);
        Instant now = clock.instant();
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Seconds a fresh cookie may live (the absolute limit; the idle limit is enforced here). */
    public long maxAgeSeconds() {
        return absolute.toSeconds();
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.lastSeen().plus(idle).isBefore(now) || entry.session().createdAt().plus(absolute).isBefore(now);
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
