package org.ember.console.auth;

import java.time.Instant;

/**
 * A logged-in person. {@code csrfToken} must come back in the {@code X-CSRF-Token} header of every
 * state-changing request: another site's page can make the browser send the cookie, never the header.
 */
public record Session(String id, User user, String csrfToken, Instant createdAt) {
    public String name() {
        return user.name();
    }

    public Role role() {
        return user.role();
    }
}
