package org.ember.jobs.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.ember.model.codec.Json;
import org.ember.rules.delivery.EmailMessage;
import org.ember.rules.delivery.EmailRenderer;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.WebhookRenderer;
import org.ember.rules.oncall.Contact;

/**
 * Writes each message to a file instead of sending it: e-mails as {@code .eml} (readable, and
 * openable in a mail program), webhook bodies as {@code .json}. Named after the delivery, written
 * to a temporary file and moved into place, so a repeat overwrites the same file and a reader never
 * sees half a message. Nothing leaves the machine.
 */
final class OutboxChannel implements Channel {
    private final Path dir;
    private final EmailRenderer email;
    private final WebhookRenderer webhook;

    OutboxChannel(Path dir, EmailRenderer email, WebhookRenderer webhook) {
        this.dir = dir;
        this.email = email;
        this.webhook = webhook;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public void send(Notification n) throws IOException {
        Files.createDirectories(dir);
        String base = UUID.nameUUIDFromBytes(n.deliveryKey().getBytes(StandardCharsets.UTF_8)).toString();
        String text;
        String file;
        if (Contact.EMAIL.equals(n.contact().channel())) {
            EmailMessage mail = email.render(n);
            text = "To: " + mail.to() + "\nSubject: " + mail.subject() + "\nMessage-ID: " + mail.messageId()
                    + "\nX-Ember-Idempotency-Key: " + n.deliveryKey() + "\nContent-Type: text/plain; charset=UTF-8\n\n"
                    + mail.text();
            file = base + ".eml";
        } else {
            text = "POST " + n.contact().address() + "\n\n" + Json.toText(webhook.render(n));
            file = base + ".json";
        }
        Path temporary = dir.resolve("." + file + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
