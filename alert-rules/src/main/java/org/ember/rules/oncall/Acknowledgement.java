package org.ember.rules.oncall;

/**
 * Someone has seen an alert and is dealing with it: escalation stops, the alert stays firing. It
 * can expire, after which escalation starts again from the first step.
 *
 * @param fingerprint the acknowledged alert
 * @param by          who acknowledged (as they gave it; the console audits the request)
 * @param at          when, epoch milliseconds
 * @param expiresAt   when it lapses, epoch milliseconds; 0 = when the policy's ack timeout says (or never)
 * @param comment     optional note
 * @param action      optional action taken in answer to the alert (e.g. hotspot_patrol, navigator_outreach,
 *                    none), read by {@code ember evaluate}'s alert follow-up; null when not recorded
 */
public record Acknowledgement(String fingerprint, String by, long at, long expiresAt, String comment, String action) {
    /** The longest an acknowledgement may hold off escalation: a week, then someone must look again. */
    public static final java.time.Duration MAX_LENGTH = java.time.Duration.ofDays(7);

    /** Longest action text kept. */
    public static final int MAX_ACTION = 64;

    public Acknowledgement {
        if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 128) {
            throw new IllegalArgumentException("an acknowledgement names the alert's fingerprint (at most 128 characters)");
        }
        if (by == null || by.isBlank() || by.length() > 100 || by.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an acknowledgement names who made it: 1 to 100 printable characters");
        }
        if (comment != null && comment.length() > 1000) {
            throw new IllegalArgumentException("an acknowledgement's comment is at most 1000 characters");
        }
        if (expiresAt != 0 && (expiresAt <= at || expiresAt - at > MAX_LENGTH.toMillis())) {
            throw new IllegalArgumentException("an acknowledgement expires after it is made and within "
                    + MAX_LENGTH.toDays() + " days");
        }
        if (action != null && (action.length() > MAX_ACTION || !action.matches("[a-z0-9_ -]*"))) {
            throw new IllegalArgumentException("action must be at most " + MAX_ACTION + " lower-case letters, digits, '_', '-' or spaces");
        }
    }

    /** An acknowledgement without a recorded action (the form before actions were recorded). */
    public Acknowledgement(String fingerprint, String by, long at, long expiresAt, String comment) {
        this(fingerprint, by, at, expiresAt, comment, null);
    }

    /** Whether it is in force at {@code now}, given the policy's default timeout (null = none). */
    public boolean inForce(long now, java.time.Duration policyTimeout) {
        return now >= at && now < lapsesAt(policyTimeout);
    }

    /** When it lapses: its own expiry, else at + the policy's timeout, else never. */
    public long lapsesAt(java.time.Duration policyTimeout) {
        if (expiresAt > 0) {
            return expiresAt;
        }
        return policyTimeout == null ? Long.MAX_VALUE : at + policyTimeout.toMillis();
    }
}
