package org.ember.console;



import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ember.model.Alert;
import org.ember.model.codec.Json;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.routing.DurationText;
import org.ember.rules.silence.Silence;
import org.ember.rules.silence.SilenceRequest;

/**
 * What duty officers tell Ember through the console, each written to {@code ember.acks} and audited:
 * <ul>
 *   <li>{@code POST /api/alerts/{fingerprint}/ack} — acknowledge (JSON body, all optional:
 *       {@code {"by": "…", "comment": "…", "expires_in": "2h"}}); escalation stops, the alert keeps firing;
 *   <li>{@code GET /alerts/{fingerprint}/ack} — the page e-mail links open: one button that does the POST
 *       (a link that acknowledged on GET would be "clicked" by mail scanners);
 *   <li>{@code POST /api/silences} — a silence ({@code {"matchers": ["lad=\"W06000011\""], "duration": "2h",
 *       "created_by": "…", "comment": "…"}}, or {@code starts_at}/{@code ends_at}).
 * </ul>
 * plus {@code POST /api/alerts/{fingerprint}/comment} ({@code {"kind": "comment"|"action", "text": "…"}}),
 * {@code GET /api/alerts} (the inbox: {@code ?status=open|acknowledged|resolved|all&q=…}) and
 * {@code GET /api/alerts/{fingerprint}} (one alert with its history and actions).
 * State-changing requests must be {@code application/json}. Only alerts the console has seen can be
 * acknowledged or commented on; only duty officers of the alert's spoke may (or anyone, on a console
 * without a users file), and the name recorded is the logged-in person's.
 */
final class OperatorActions implements HttpFront.Route {
    private static final System.Logger LOG = System.getLogger(OperatorActions.class.getName());
    private static final Pattern ACK_API = Pattern.compile("/api/alerts/([A-Za-z0-9_-]{1,128})/ack");
    private static final Pattern ACK_PAGE = Pattern.compile("/alerts/([A-Za-z0-9_-]{1,128})/ack");
    private static final Pattern COMMENT_API = Pattern.compile("/api/alerts/([A-Za-z0-9_-]{1,128})/comment");
    private static final Pattern ALERT_API = Pattern.compile("/api/alerts/([A-Za-z0-9_-]{1,128})");
    /** An acknowledgement silences escalation; longer than a week it would outlive any rota. */
    static final Duration MAX_ACK = Duration.ofDays(7);
    static final int MAX_TEXT = 2_000;

    /** A comment or the action taken. */
    record CommentRequest(String kind, String text) {}

    /** What an acknowledgement request may say. */
    record AckRequest(String by, String comment, String expiresIn) {}

    private final LiveState state;
    private final AlertInbox inbox;
    private final PublicViews views;
    private final ControlWriter controls;
    private final AuditLog audit;
    private final Clock clock;

    OperatorActions(LiveState state, AlertInbox inbox, PublicViews views, ControlWriter controls, AuditLog audit, Clock clock) {
        this.state = state;
        this.inbox = inbox;
        this.views = views;
        this.controls = controls;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher ackApi = ACK_API.matcher(path);
            Matcher ackPage = ACK_PAGE.matcher(path);
            Matcher commentApi = COMMENT_API.matcher(path);
            Matcher alertApi = ALERT_API.matcher(path);
            if (path.equals("/api/alerts")) {
                if (!"GET".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "GET");
                } else {
                    list(exchange);
                }
            } else if (alertApi.matches()) {
                if (!"GET".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "GET");
                } else {
                    one(exchange, alertApi.group(1));
                }
            } else if (commentApi.matches()) {
                if (!"POST".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "POST");
                } else {
                    comment(exchange, commentApi.group(1));
                }
            } else if (ackApi.matches()) {
                if (!"POST".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "POST");
                } else {
                    acknowledge(exchange, ackApi.group(1));
                }
            } else if (ackPage.matches()) {
                if (!"GET".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "GET");
                } else {
                    ackPage(exchange, ackPage.group(1));
                }
            } else if (path.equals("/api/silences")) {
                if (!"POST".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "POST");
                } else {
                    silence(exchange);
                }
            } else {
                HttpReplies.text(exchange, 404, "not found");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "operator action failed on " + exchange.getRequestURI(), e);
            try {
                HttpReplies.text(exchange, 503, "not recorded: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                exchange.close();
            }
        } finally {
            exchange.close();
        }
    }

    private void acknowledge(Exchange exchange, String fingerprint) throws IOException {
        if (!HttpReplies.isJson(exchange)) {
            HttpReplies.text(exchange, 415, "send the acknowledgement as application/json (it may be {})");
            return;
        }
        byte[] body = HttpReplies.body(exchange);
        if (body == null) {
            HttpReplies.text(exchange, 413, "request too large");
            return;
        }
        AckRequest request;
        try {
            request = body.length == 0 ? new AckRequest(null, null, null) : Json.fromBytes(body, AckRequest.class);
        } catch (UncheckedIOException e) {
            HttpReplies.text(exchange, 400, "not a valid acknowledgement: " + e.getCause().getMessage());
            return;
        }
        Optional<AlertInbox.Entry> known = inbox.find(fingerprint);
        if (known.isEmpty()) {
            HttpReplies.text(exchange, 404, "no alert " + fingerprint + ": only alerts Ember raised can be acknowledged");
            return;
        }
        if (!exchange.mayActOn(known.get().latest().lad())) {
            HttpReplies.text(exchange, 403, "only the duty officers of this alert's spoke may acknowledge it");
            return;
        }
        if (request.comment() != null && request.comment().length() > MAX_TEXT) {
            HttpReplies.text(exchange, 400, "comment longer than " + MAX_TEXT + " characters");
            return;
        }
        Instant now = Instant.now(clock);
        long expiresAt = 0;
        if (request.expiresIn() != null && !request.expiresIn().isBlank()) {
            try {
                Duration lasting = DurationText.parse(request.expiresIn());
                if (lasting.compareTo(MAX_ACK) > 0 || lasting.isNegative() || lasting.isZero()) {
                    HttpReplies.text(exchange, 400, "expires_in must be more than 0 and at most 7d");
                    return;
                }
                expiresAt = now.plus(lasting).toEpochMilli();
            } catch (IllegalArgumentException e) {
                HttpReplies.text(exchange, 400, "expires_in: " + e.getMessage());
                return;
            }
        }
        // Logged in, the name is the session's; a claimed name counts only on a console without users.
        String by = exchange.session() != null ? exchange.session().name()
                : request.by() == null || request.by().isBlank() ? AuditLog.ANONYMOUS : request.by().trim();
        Acknowledgement ack;
        try {
            ack = new Acknowledgement(fingerprint, by, now.toEpochMilli(), expiresAt, request.comment());
        } catch (IllegalArgumentException e) {
            HttpReplies.text(exchange, 400, e.getMessage());
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", "acknowledge");
        details.put("fingerprint", fingerprint);
        details.put("acknowledged_by", by);
        if (expiresAt > 0) {
            details.put("expires_at", Instant.ofEpochMilli(expiresAt).toString());
        }
        // Audited first: an acknowledgement that cannot be audited is not made.
        HttpReplies.audit(audit, exchange, "POST /api/alerts/{fingerprint}/ack", details);
        controls.write(ControlMessage.of(ack));
        inbox.record(fingerprint, new AlertInbox.Action(now.toEpochMilli(), by, "acknowledge",
                request.comment() == null ? "" : request.comment()));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("fingerprint", fingerprint);
        reply.put("acknowledged_by", by);
        reply.put("acknowledged_at", now.toString());
        reply.put("expires_at", expiresAt > 0 ? Instant.ofEpochMilli(expiresAt).toString() : null);
        reply.put("known_alert", true);
        HttpReplies.json(exchange, 202, reply);
    }

    private void silence(Exchange exchange) throws IOException {
        if (!exchange.maySilence()) {
            HttpReplies.text(exchange, 403, "only duty officers and administrators may add silences");
            return;
        }
        if (!HttpReplies.isJson(exchange)) {
            HttpReplies.text(exchange, 415, "send the silence as application/json");
            return;
        }
        byte[] body = HttpReplies.body(exchange);
        if (body == null) {
            HttpReplies.text(exchange, 413, "request too large");
            return;
        }
        Silence silence;
        try {
            SilenceRequest request = Json.fromBytes(body, SilenceRequest.class);
            if (exchange.session() != null) {
                request = new SilenceRequest(request.matchers(), request.startsAt(), request.endsAt(), request.duration(),
                        exchange.session().name(), request.comment());
            }
            silence = request.toSilence(UUID.randomUUID().toString(), Instant.now(clock));
        } catch (UncheckedIOException e) {
            HttpReplies.text(exchange, 400, "not a valid silence: " + e.getCause().getMessage());
            return;
        } catch (IllegalArgumentException e) {
            HttpReplies.text(exchange, 400, e.getMessage());
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", "silence");
        details.put("silence_id", silence.id());
        details.put("matchers", silence.matchers().toString());
        details.put("ends_at", Instant.ofEpochMilli(silence.endsAt()).toString());
        details.put("created_by", silence.createdBy());
        HttpReplies.audit(audit, exchange, "POST /api/silences", details);
        controls.write(ControlMessage.of(silence));
        HttpReplies.json(exchange, 201, silence);
    }

    private void ackPage(Exchange exchange, String fingerprint) throws IOException {
        HttpReplies.audit(audit, exchange, "GET /alerts/{fingerprint}/ack", Map.of("fingerprint", fingerprint));
        Optional<Alert> alert = inbox.find(fingerprint).map(AlertInbox.Entry::latest);
        boolean restricted = exchange.restricted();
        String about = alert.map(a -> "<p><strong>" + HttpReplies.html(a.severity() + " · " + a.rule()) + "</strong></p><p>"
                + HttpReplies.html(views.alertNode(a, restricted).path("summary").asText("")) + "</p><p>"
                + HttpReplies.html(a.areaName() + " (" + a.areaId() + ")") + "</p>"
                + "<p><a href=\"/#alert=" + HttpReplies.html(a.fingerprint()) + "\">Show on the map</a></p>")
                .orElse("<p>Ember has no alert " + HttpReplies.html(fingerprint) + ": it cannot be acknowledged.</p>");
        String page = """
                <!doctype html>
                <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Acknowledge alert · Ember</title>
                <style>body{font:16px system-ui,sans-serif;max-width:36em;margin:2em auto;padding:0 1em}
                button{font-size:1.1em;padding:.5em 1.5em}input{font-size:1em;width:100%%;margin:.3em 0 1em}</style></head>
                <body><h1>Acknowledge alert</h1>
                %s
                <p>Acknowledging stops escalation for the alerts of the message you received. The alert keeps
                firing until its rule resolves it.</p>
                <label>Your name <input id="by" autocomplete="name"></label>
                <label>Note (optional) <input id="comment"></label>
                <button id="ack">Acknowledge</button>
                <p id="result" role="status"></p>
                <script>
                document.getElementById('ack').addEventListener('click', async () => {
                  const result = document.getElementById('result');
                  const body = {by: document.getElementById('by').value, comment: document.getElementById('comment').value};
                  const me = await (await fetch('/api/me')).json();
                  const response = await fetch('/api/alerts/%s/ack', {method: 'POST',
                      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token}, body: JSON.stringify(body)});
                  result.textContent = response.ok ? 'Acknowledged. Escalation stops.' : 'Not recorded: ' + await response.text();
                });
                </script></body></html>
                """.formatted(about, fingerprint);
        HttpReplies.send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private void comment(Exchange exchange, String fingerprint) throws IOException {
        if (!HttpReplies.isJson(exchange)) {
            HttpReplies.text(exchange, 415, "send the comment as application/json");
            return;
        }
        CommentRequest request;
        try {
            request = Json.fromBytes(exchange.body(), CommentRequest.class);
        } catch (UncheckedIOException e) {
            HttpReplies.text(exchange, 400, "not a valid comment");
            return;
        }
        String kind = request.kind() == null ? "comment" : request.kind();
        if (!kind.equals("comment") && !kind.equals("action")) {
            HttpReplies.text(exchange, 400, "kind is comment or action");
            return;
        }
        if (request.text() == null || request.text().isBlank() || request.text().length() > MAX_TEXT) {
            HttpReplies.text(exchange, 400, "text is 1 to " + MAX_TEXT + " characters");
            return;
        }
        Optional<AlertInbox.Entry> known = inbox.find(fingerprint);
        if (known.isEmpty()) {
            HttpReplies.text(exchange, 404, "no alert " + fingerprint);
            return;
        }
        if (!exchange.mayActOn(known.get().latest().lad())) {
            HttpReplies.text(exchange, 403, "only the duty officers of this alert's spoke may comment on it");
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", kind);
        details.put("fingerprint", fingerprint);
        details.put("text", request.text());
        HttpReplies.audit(audit, exchange, "POST /api/alerts/{fingerprint}/comment", details);
        inbox.record(fingerprint, new AlertInbox.Action(Instant.now(clock).toEpochMilli(), exchange.user(), kind, request.text()));
        HttpReplies.json(exchange, 201, Map.of("fingerprint", fingerprint, "kind", kind, "by", exchange.user()));
    }

    private void list(Exchange exchange) throws IOException {
        String status = exchange.query("status");
        String text = exchange.query("q");
        HttpReplies.audit(audit, exchange, "GET /api/alerts", Map.of("status", String.valueOf(status), "q", String.valueOf(text)));
        List<AlertInbox.Entry> found = inbox.search(status, text, a -> true, 200);
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.mapper().createArrayNode();
        for (AlertInbox.Entry entry : found) {
            out.add(entryNode(entry, exchange.restricted(), false));
        }
        HttpReplies.send(exchange, 200, "application/json; charset=utf-8", out.toString());
    }

    private void one(Exchange exchange, String fingerprint) throws IOException {
        Optional<AlertInbox.Entry> entry = inbox.find(fingerprint);
        if (entry.isEmpty()) {
            HttpReplies.text(exchange, 404, "no alert " + fingerprint);
            return;
        }
        HttpReplies.audit(audit, exchange, "GET /api/alerts/{fingerprint}", Map.of("fingerprint", fingerprint));
        HttpReplies.send(exchange, 200, "application/json; charset=utf-8",
                entryNode(entry.get(), exchange.restricted(), true).toString());
    }

    /** An inbox entry as the viewer may see it; actions' free text is left out of restricted views. */
    private com.fasterxml.jackson.databind.node.ObjectNode entryNode(AlertInbox.Entry entry, boolean restricted, boolean history) {
        com.fasterxml.jackson.databind.node.ObjectNode node = Json.mapper().createObjectNode();
        node.set("alert", views.alertNode(entry.latest(), restricted));
        node.put("acknowledged", AlertInbox.acknowledged(entry));
        node.put("escalation", AlertInbox.acknowledged(entry) ? "stopped (acknowledged)"
                : Alert.RESOLVED.equals(entry.latest().state()) ? "ended (resolved)" : "running until acknowledged");
        com.fasterxml.jackson.databind.node.ArrayNode actions = node.putArray("actions");
        for (AlertInbox.Action action : entry.actions()) {
            com.fasterxml.jackson.databind.node.ObjectNode a = actions.addObject();
            a.put("at", Instant.ofEpochMilli(action.at()).toString());
            a.put("by", action.by());
            a.put("kind", action.kind());
            if (!restricted) {
                a.put("text", action.text());
            }
        }
        if (history) {
            com.fasterxml.jackson.databind.node.ArrayNode earlier = node.putArray("history");
            entry.history().forEach(h -> earlier.add(views.alertNode(h, restricted)));
        }
        return node;
    }
}
