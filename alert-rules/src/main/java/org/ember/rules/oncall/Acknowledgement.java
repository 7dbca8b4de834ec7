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

    /** Longest action text kept. */
    public static final int MAX_ACTION = 64;

    public Acknowledgement {
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
