package org.ember.console;



import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * State-changing requests must be {@code application/json}.
 */
final class OperatorActions implements HttpFront.Route {
    private static final System.Logger LOG = System.getLogger(OperatorActions.class.getName());
    private static final Pattern ACK_API = Pattern.compile("/api/alerts/([A-Za-z0-9_-]{1,128})/ack");
    private static final Pattern ACK_PAGE = Pattern.compile("/alerts/([A-Za-z0-9_-]{1,128})/ack");

    /** What an acknowledgement request may say. */
    record AckRequest(String by, String comment, String expiresIn) {}

    private final LiveState state;
    private final ControlWriter controls;
    private final AuditLog audit;
    private final Clock clock;

    OperatorActions(LiveState state, ControlWriter controls, AuditLog audit, Clock clock) {
        this.state = state;
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
            if (ackApi.matches()) {
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
        Instant now = Instant.now(clock);
        long expiresAt = 0;
        if (request.expiresIn() != null && !request.expiresIn().isBlank()) {
            try {
                Duration lasting = DurationText.parse(request.expiresIn());
                expiresAt = now.plus(lasting).toEpochMilli();
            } catch (IllegalArgumentException e) {
                HttpReplies.text(exchange, 400, "expires_in: " + e.getMessage());
                return;
            }
        }
        String by = request.by() == null || request.by().isBlank() ? AuditLog.ANONYMOUS : request.by().trim();
        Acknowledgement ack = new Acknowledgement(fingerprint, by, now.toEpochMilli(), expiresAt, request.comment());
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
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("fingerprint", fingerprint);
        reply.put("acknowledged_by", by);
        reply.put("acknowledged_at", now.toString());
        reply.put("expires_at", expiresAt > 0 ? Instant.ofEpochMilli(expiresAt).toString() : null);
        reply.put("known_alert", find(fingerprint).isPresent());
        HttpReplies.json(exchange, 202, reply);
    }

    private void silence(Exchange exchange) throws IOException {
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
        Optional<Alert> alert = find(fingerprint);
        String about = alert.map(a -> "<p><strong>" + HttpReplies.html(a.severity() + " · " + a.rule()) + "</strong></p><p>"
                + HttpReplies.html(a.summary() == null ? "" : a.summary()) + "</p><p>"
                + HttpReplies.html(a.areaName() + " (" + a.areaId() + ")") + "</p>")
                .orElse("<p>Alert " + HttpReplies.html(fingerprint) + " (not among the latest alerts this console holds).</p>");
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
                  const response = await fetch('/api/alerts/%s/ack', {method: 'POST',
                      headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
                  result.textContent = response.ok ? 'Acknowledged. Escalation stops.' : 'Not recorded: ' + await response.text();
                });
                </script></body></html>
                """.formatted(about, fingerprint);
        HttpReplies.send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private Optional<Alert> find(String fingerprint) {
        return state.snapshot().alerts().stream().filter(a -> a.fingerprint().equals(fingerprint)).findFirst();
    }
}
