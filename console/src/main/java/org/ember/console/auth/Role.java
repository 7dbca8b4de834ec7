package org.ember.console.auth;

import java.util.Locale;

/**
 * What a person may do in the console.
 * <ul>
 *   <li>{@link #DUTY_OFFICER}: everything for the local authorities of their spoke — exact counts,
 *       alert texts, acknowledge, resolve, comment, silence;
 *   <li>{@link #ANALYST}: every spoke, exact counts, no acknowledgements or silences, no personal data;
 *   <li>{@link #PARTNER}: the map and open alerts only, counts below the threshold as "&lt;N",
 *       no point locations, no free text (alert summaries are replaced by what the rule measures);
 *   <li>{@link #ADMINISTRATOR}: silences and people; sees what an analyst sees.
 * </ul>
 */
public enum Role {
    DUTY_OFFICER, ANALYST, PARTNER, ADMINISTRATOR;

    /** The name in the users file and the audit log: {@code duty_officer}, {@code analyst}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (duty_officer, analyst, partner or administrator)");
    }

    /** Whether counts below the threshold are hidden from this role. */
    public boolean suppressesSmallCounts() {
        return this == PARTNER;
    }

    /** Whether alert summaries and other free text reach this role. */
    public boolean seesFreeText() {
        return this != PARTNER;
    }

    public boolean mayAcknowledge() {
        return this == DUTY_OFFICER;
    }

    public boolean maySilence() {
        return this == DUTY_OFFICER || this == ADMINISTRATOR;
    }
}
