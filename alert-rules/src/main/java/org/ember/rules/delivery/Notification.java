package org.ember.rules.delivery;

import java.util.List;
import org.ember.model.Alert;
import org.ember.rules.oncall.Contact;

/**
 * One message to one contact about one notification group.
 *
 * @param key            the notification's idempotency key: fingerprint of the alert that opened the
 *                       group's episode, notification step, route ({@code 3f2a…#2@root.0})
 * @param groupKey       the group (route and group-by label values)
 * @param receiver       receiver name
 * @param step           the notification's number within the group's episode (0, 1, …)
 * @param escalationStep the escalation policy step whose targets this is for (counting repeats)
 * @param reason         {@value #FIRING}, {@value #UPDATE}, {@value #ESCALATION}, {@value #REPEAT},
 *                       {@value #RESUMED} or {@value #RESOLVED}
 * @param contact        who and where
 * @param firing         the group's alerts still firing (the new ones first)
 * @param resolved       alerts that resolved since the last notification
 * @param createdAt      epoch milliseconds
 */
public record Notification(String key, String groupKey, String receiver, int step, int escalationStep, String reason,
        Contact contact, List<Alert> firing, List<Alert> resolved, long createdAt) {

    public static final String FIRING = "firing";
    public static final String UPDATE = "update";
    public static final String ESCALATION = "escalation";
    public static final String REPEAT = "repeat";
    public static final String RESUMED = "resumed";
    public static final String RESOLVED = "resolved";

    public Notification {
        firing = List.copyOf(firing);
        resolved = List.copyOf(resolved);
    }

    /** Idempotency key of this delivery: the notification's key and the contact's channel and address. */
    public String deliveryKey() {
        return key + "/" + contact.channel() + ":" + contact.address();
    }

    public List<String> fingerprints() {
        return java.util.stream.Stream.concat(firing.stream(), resolved.stream()).map(Alert::fingerprint).toList();
    }
}
