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
 */
public record Acknowledgement(String fingerprint, String by, long at, long expiresAt, String comment) {

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
