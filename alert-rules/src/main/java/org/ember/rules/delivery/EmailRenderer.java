package org.ember.rules.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.ember.model.Alert;

/**
 * Writes a notification as a plain-text e-mail a duty officer can act on from a phone: for each
 * alert what, where, when, why and severity, and a link to acknowledge.
 */
public final class EmailRenderer {
    private final AckLinks links;
    private final UnaryOperator<String> ladNames;
    private final RecipientPolicy recipients;

    /**
     * @param ladNames local authority code to name (e.g. W06000015 → Cardiff)
     */
    public EmailRenderer(AckLinks links, UnaryOperator<String> ladNames) {
        this(links, ladNames, RecipientPolicy.NOBODY_RESTRICTED);
    }

    /** With the recipients who get partners' texts: counts below the threshold as "fewer than N", no free text. */
    public EmailRenderer(AckLinks links, UnaryOperator<String> ladNames, RecipientPolicy recipients) {
        this.links = links;
        this.ladNames = ladNames;
        this.recipients = recipients;
    }

    public EmailMessage render(Notification n) {
        StringBuilder text = new StringBuilder();
        text.append(AlertText.reasonLine(n)).append(" — for ").append(n.contact().name())
                .append(" (").append(n.receiver()).append(")\n\n");
        int i = 1;
        boolean restricted = recipients.restricted(n.contact());
        if (!n.firing().isEmpty()) {
            text.append("FIRING (").append(n.firing().size()).append(")\n");
            for (Alert alert : n.firing()) {
                appendAlert(text, i++, alert, true, restricted);
            }
        }
        if (!n.resolved().isEmpty()) {
            text.append("RESOLVED (").append(n.resolved().size()).append(")\n");
            for (Alert alert : n.resolved()) {
                appendAlert(text, i++, alert, false, restricted);
            }
        }
        if (links.available() && !n.firing().isEmpty()) {
            text.append("Acknowledging any alert above acknowledges this message: escalation stops,\n")
                    .append("the alerts keep firing until their rules resolve them.\n\n");
        }
        text.append("--\nEmber · notification ").append(n.key()).append(" · ").append(n.groupKey()).append('\n');
        return new EmailMessage(n.contact().address(), AlertText.title(n, ladNames), text.toString(), messageId(n));
    }

    private void appendAlert(StringBuilder text, int number, Alert alert, boolean firing, boolean restricted) {
        int threshold = recipients.threshold();
        text.append(number).append(". ").append(AlertText.severity(alert)).append(' ').append(alert.rule()).append('\n');
        text.append("   What:     ").append(restricted ? AlertText.whatRestricted(alert, threshold) : AlertText.what(alert))
                .append('\n');
        text.append("   Where:    ").append(AlertText.where(alert, ladNames)).append('\n');
        if (links.available()) {
            text.append("   Map:      ").append(links.mapArea(alert.fingerprint())).append('\n');
        }
        text.append("   When:     ").append(AlertText.when(alert)).append('\n');
        String why = AlertText.why(alert, restricted, threshold);
        if (!why.isEmpty()) {
            text.append("   Why:      ").append(why).append('\n');
        }
        text.append("   How sure: ").append(AlertText.howSure(alert, restricted, threshold)).append('\n');
        text.append("   Action:   ").append(restricted && !Alert.RESOLVED.equals(alert.state())
                ? "The duty officer for the area has been told." : AlertText.action(alert)).append('\n');
        text.append("   Severity: ").append(alert.severity()).append('\n');
        String runbook = alert.annotations().get("runbook");
        if (runbook != null && !restricted) {
            text.append("   Runbook:  ").append(runbook).append('\n');
        }
        if (firing && links.available()) {
            text.append("   Acknowledge: ").append(links.acknowledge(alert.fingerprint())).append('\n');
        }
        text.append('\n');
    }

    /** A Message-ID that is the same for every attempt at the same delivery. */
    static String messageId(Notification n) {
        return "<" + UUID.nameUUIDFromBytes(n.deliveryKey().getBytes(StandardCharsets.UTF_8)) + "@ember>";
    }
}
