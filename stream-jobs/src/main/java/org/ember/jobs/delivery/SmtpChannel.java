package org.ember.jobs.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.ember.rules.delivery.EmailMessage;
import org.ember.rules.delivery.EmailRenderer;
import org.ember.rules.delivery.Notification;

/**
 * E-mail over SMTP with Jakarta Mail. Each message carries a Message-ID and an
 * {@code X-Ember-Idempotency-Key} derived from the delivery, the same on every attempt.
 */
final class SmtpChannel implements Channel {
    private final SmtpSettings smtp;
    private final EmailRenderer renderer;
    private final Session session;

    SmtpChannel(SmtpSettings smtp, EmailRenderer renderer) {
        this.smtp = smtp;
        this.renderer = renderer;
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        String timeout = Long.toString(smtp.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        if (smtp.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.username() != null) {
            props.put("mail.smtp.auth", "true");
            this.session = Session.getInstance(props, new jakarta.mail.Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.username(), smtp.password());
                }
            });
        } else {
            this.session = Session.getInstance(props);
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Notification notification) throws MessagingException {
        EmailMessage mail = renderer.render(notification);
        MimeMessage message = new FixedIdMessage(session, mail.messageId());
        message.setFrom(new InternetAddress(smtp.from(), true));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date(notification.createdAt()));
        message.setHeader("X-Ember-Idempotency-Key", notification.deliveryKey());
        message.setHeader("X-Ember-Notification", notification.key());
        Transport.send(message);
    }

    /** Keeps the Message-ID we set instead of generating a new one at each attempt. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
