package org.ember.infra.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import org.ember.jobs.delivery.DeliverySettings;
import org.ember.jobs.delivery.SmtpSettings;
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.routing.ConfigException;

/**
 * How the demo delivers notifications: routed by the routing directory, written as files to the
 * work directory's outbox unless an SMTP server is given, so a demo never e-mails anyone by
 * accident (the example rotas' addresses are on the reserved {@code .example} domain anyway).
 */
final class DemoDelivery {
    private DemoDelivery() {}

    static DeliverySettings settings(Path routing, String smtp, String mailFrom, Path work, URI console, PrintStream out) {
        Path dir = routing;
        AckLinks links = new AckLinks(console.toString());
        try {
            if (smtp == null) {
                Path outbox = work.resolve("outbox");
                out.println("Notify:  routes " + dir + "; no SMTP server given (--smtp), so messages are written to "
                        + outbox + " and nothing is sent");
                return DeliverySettings.outbox(dir, outbox, work.resolve("delivery-ledger"), links);
            }
            String[] hostPort = smtp.split(":");
            if (hostPort.length != 2 || !hostPort[1].matches("\\d{1,5}")) {
                throw new UserError("--smtp must be HOST:PORT, got " + smtp);
            }
            out.println("Notify:  routes " + dir + "; e-mail through " + smtp + " from " + mailFrom);
            return DeliverySettings.live(dir, SmtpSettings.plain(hostPort[0], Integer.parseInt(hostPort[1]), mailFrom),
                    work.resolve("delivery-ledger"), links);
        } catch (ConfigException e) {
            throw new UserError("routing files are invalid:\n" + e.getMessage());
        }
    }
}
