package org.ember.rules.delivery;

import java.util.List;

/**
 * One line of the delivery audit on {@code ember.deliveries}: an attempt and its outcome, or a
 * decision not to notify (silenced, inhibited, nobody to tell).
 *
 * @param deliveryKey     idempotency key of the delivery ({@link Notification#deliveryKey()}), or of the decision
 * @param notificationKey the notification's key, or null for decisions about one alert
 * @param fingerprints    the alerts concerned
 * @param groupKey        notification group
 * @param receiver        receiver name
 * @param step            notification step
 * @param escalationStep  escalation step
 * @param reason          why a notification was sent (see {@link Notification})
 * @param channel         email, webhook, outbox or "-" for decisions
 * @param recipient       address or URL, or "-"
 * @param attempt         1 for the first attempt
 * @param outcome         {@value #SENT}, {@value #FAILED}, {@value #UNDELIVERABLE}, {@value #DUPLICATE},
 *                        {@value #SILENCED}, {@value #INHIBITED}, {@value #NO_RECIPIENT}
 * @param detail          error message, silence id, …
 * @param at              epoch milliseconds
 */
public record DeliveryRecord(String deliveryKey, String notificationKey, List<String> fingerprints, String groupKey,
        String receiver, int step, int escalationStep, String reason, String channel, String recipient, int attempt,
        String outcome, String detail, long at) {

    /** Accepted by the channel (the SMTP server, the webhook, the outbox directory). */
    public static final String SENT = "sent";
    /** This attempt failed; another follows after the backoff. */
    public static final String FAILED = "failed";
    /** Given up after the retry limit: the notification stays on the topic and in the job's metrics. */
    public static final String UNDELIVERABLE = "undeliverable";
    /** Already delivered before (a replay or restart): not sent again. */
    public static final String DUPLICATE = "duplicate";
    public static final String SILENCED = "silenced";
    public static final String INHIBITED = "inhibited";
    public static final String NO_RECIPIENT = "no_recipient";

    public DeliveryRecord {
        fingerprints = List.copyOf(fingerprints);
    }

    /** The record of one attempt at a notification. */
    public static DeliveryRecord attempt(Notification n, String channel, int attempt, String outcome, String detail,
            long at) {
        return new DeliveryRecord(n.deliveryKey(), n.key(), n.fingerprints(), n.groupKey(), n.receiver(), n.step(),
                n.escalationStep(), n.reason(), channel, n.contact().address(), attempt, outcome, detail, at);
    }
}
