package org.ember.console;



import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.ember.geo.area.AreaCatalogue;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.rules.cap.CapAlerts;
import org.ember.rules.cap.CapAtomFeed;
import org.ember.rules.cap.CapFeed;
import org.ember.rules.cap.CapMessage;
import org.ember.rules.cap.CapWriter;
import org.ember.rules.cap.CatalogueCapAreas;

/**
 * The CAP 1.2 feed of alert transitions, the convention of public CAP feeds: {@code /cap/feed} is
 * an Atom index whose entries link to each message at {@code /cap/alerts/{identifier}}
 * ({@code application/cap+xml}). Messages are Restricted unless a rule says its alerts are public;
 * both routes are audited like the map's data.
 *
 * <p>Alerts are queued by the live state's listener (which must not work under its lock) and
 * turned into messages, polygons and all, when the feed is next read.
 */
final class CapRoutes implements HttpFront.Route, LiveState.Listener {
    static final int CAPACITY = 1_000;
    static final int FEED_ENTRIES = 200;

    private final CapFeed feed;
    private final AuditLog audit;
    private final Supplier<String> baseUrl;
    private final ConcurrentLinkedQueue<Alert> arrived = new ConcurrentLinkedQueue<>();

    CapRoutes(AreaCatalogue catalogue, String sender, AuditLog audit, Supplier<String> baseUrl) {
        this.audit = audit;
        this.baseUrl = baseUrl;
        this.feed = new CapFeed(new CapAlerts(sender, new CatalogueCapAreas(catalogue),
                id -> baseUrl.get() + "cap/alerts/" + id), CAPACITY);
    }

    @Override
    public void countsChanged(AreaCountsView counts) {
        // Counts are not alerts.
    }

    @Override
    public void alertAdded(Alert alert) {
        arrived.add(alert);
    }

    private void drain() {
        Alert alert;
        while ((alert = arrived.poll()) != null) {
            feed.add(alert);
        }
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                HttpReplies.methodNotAllowed(exchange, "GET");
                return;
            }
            drain();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/cap/feed")) {
                HttpReplies.audit(audit, exchange, "/cap/feed", Map.of());
                String base = baseUrl.get(); // never the caller's Host: links must lead to this console
                HttpReplies.send(exchange, 200, "application/atom+xml; charset=utf-8",
                        CapAtomFeed.write(base, "Ember alerts (CAP 1.2)", feed.latest(FEED_ENTRIES), Instant.now()));
            } else if (path.startsWith("/cap/alerts/")) {
                String identifier = path.substring("/cap/alerts/".length());
                Optional<CapMessage> message = feed.get(identifier);
                if (message.isEmpty()) {
                    HttpReplies.text(exchange, 404, "no CAP message " + identifier);
                    return;
                }
                HttpReplies.audit(audit, exchange, "/cap/alerts/{identifier}", Map.of("identifier", identifier));
                HttpReplies.send(exchange, 200, "application/cap+xml; charset=utf-8", CapWriter.write(message.get()));
            } else {
                HttpReplies.text(exchange, 404, "not found");
            }
        } finally {
            exchange.close();
        }
    }
}
