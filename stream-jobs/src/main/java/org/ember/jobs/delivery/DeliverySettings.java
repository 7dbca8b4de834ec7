package org.ember.jobs.delivery;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.Backoff;
import org.ember.rules.routing.ConfigException;

/**
 * How the job tells people about alerts.
 *
 * <p>Two modes. {@link #MODE_LIVE}: e-mail over SMTP and webhooks over HTTP. {@link #MODE_OUTBOX}:
 * every message is written as a file to {@code outboxDir} instead (e-mails as {@code .eml}, webhook
 * bodies as {@code .json}), so nothing leaves the machine: the demo's default, and a safe way to
 * try new routes.
 *
 * @param routesName  name of the routes file (for messages)
 * @param routesText  its text ({@code routes.yaml}); the job parses it in each task
 * @param oncallName  name of the on-call file
 * @param oncallText  its text ({@code oncall.yaml})
 * @param mode        {@value #MODE_LIVE} or {@value #MODE_OUTBOX}
 * @param smtp        the mail server (live mode)
 * @param outboxDir   where messages are written (outbox mode)
 * @param ledgerDir   where delivered keys are recorded so a restore from a checkpoint never sends
 *                    twice: a local path or a Flink file-system URI, on a cluster one every
 *                    TaskManager reaches ({@link DeliveryLedger}); null = checkpointed state only
 * @param links       console links in messages
 * @param backoff     retries while a channel is down
 */
public record DeliverySettings(String routesName, String routesText, String oncallName, String oncallText, String mode,
        SmtpSettings smtp, String outboxDir, String ledgerDir, AckLinks links, Backoff backoff) implements Serializable {

    public static final String MODE_LIVE = "live";
    public static final String MODE_OUTBOX = "outbox";

    public DeliverySettings {
        if (!MODE_LIVE.equals(mode) && !MODE_OUTBOX.equals(mode)) {
            throw new IllegalArgumentException("delivery mode must be live or outbox, got " + mode);
        }
        if (MODE_LIVE.equals(mode) && smtp == null) {
            throw new IllegalArgumentException("live delivery needs an SMTP server");
        }
        if (MODE_OUTBOX.equals(mode) && outboxDir == null) {
            throw new IllegalArgumentException("outbox delivery needs an outbox directory");
        }
    }

    /** Reads and checks a routing directory ({@code routes.yaml}, {@code oncall.yaml}); messages to files. */
    public static DeliverySettings outbox(Path routingDir, Path outboxDir, Path ledgerDir, AckLinks links)
            throws ConfigException {
        return read(routingDir, MODE_OUTBOX, null, outboxDir, ledgerDir, links);
    }

    /** Reads and checks a routing directory; e-mail through {@code smtp}, webhooks over HTTP. */
    public static DeliverySettings live(Path routingDir, SmtpSettings smtp, Path ledgerDir, AckLinks links)
            throws ConfigException {
        return read(routingDir, MODE_LIVE, smtp, null, ledgerDir, links);
    }

    private static DeliverySettings read(Path dir, String mode, SmtpSettings smtp, Path outbox, Path ledger, AckLinks links)
            throws ConfigException {
        AlertRouting.load(dir); // fail here, not in a task, when the files are wrong
        Path routes = dir.resolve(AlertRouting.ROUTES);
        Path oncall = dir.resolve(AlertRouting.ONCALL);
        try {
            return new DeliverySettings(routes.toString(), Files.readString(routes), oncall.toString(),
                    Files.readString(oncall), mode, smtp, outbox == null ? null : outbox.toString(),
                    ledger == null ? null : ledger.toString(), links, Backoff.standard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DeliverySettings withBackoff(Backoff newBackoff) {
        return new DeliverySettings(routesName, routesText, oncallName, oncallText, mode, smtp, outboxDir, ledgerDir, links,
                newBackoff);
    }

    /** The same delivery, its ledger at {@code location} (a path or a file-system URI such as {@code s3://…}). */
    public DeliverySettings withLedger(String location) {
        return new DeliverySettings(routesName, routesText, oncallName, oncallText, mode, smtp, outboxDir, location, links,
                backoff);
    }

    /** The routing, parsed (each task does this once when it opens). */
    public AlertRouting routing() {
        try {
            return AlertRouting.parse(routesName, routesText, oncallName, oncallText);
        } catch (ConfigException e) {
            throw new IllegalStateException("routing files are invalid:\n" + e.getMessage(), e);
        }
    }

    public boolean live() {
        return MODE_LIVE.equals(mode);
    }
}
