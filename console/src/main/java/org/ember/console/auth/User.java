package org.ember.console.auth;

import java.util.Objects;
import java.util.Set;

/**
 * One person who may log in.
 *
 * @param name         login name, also what the audit log records
 * @param displayName  shown on the page
 * @param role         what they may do
 * @param lads         local authority codes of their spoke (duty officers); empty = every spoke
 * @param passwordHash {@link PasswordHash} text; null for people who log in through OIDC only
 */
public record User(String name, String displayName, Role role, Set<String> lads, String passwordHash) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        lads = lads == null ? Set.of() : Set.copyOf(lads);
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
    }

    /** Whether an alert or area in this local authority is within the person's spoke. */
    public boolean covers(String lad) {
        return lads.isEmpty() || (lad != null && lads.contains(lad));
    }
}
