package org.ember.console;


import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small helpers for the console's hand-written routes: replies, bodies, audit details. */
final class HttpReplies {
    /** Operator requests are a few hundred bytes; anything much larger is refused. */
    static final int MAX_BODY = 16 * 1024;

    private HttpReplies() {}

    static void send(Exchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.setResponseHeader("Content-Type", contentType);
        exchange.setResponseHeader("X-Content-Type-Options", "nosniff");
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void text(Exchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text);
    }

    static void json(Exchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", org.ember.model.codec.Json.toText(value));
    }

    static void methodNotAllowed(Exchange exchange, String allowed) throws IOException {
        exchange.setResponseHeader("Allow", allowed);
        text(exchange, 405, "method not allowed");
    }

    /** The request body; the server has already refused bodies larger than {@link #MAX_BODY}. */
    static byte[] body(Exchange exchange) {
        return exchange.body();
    }

    /**
     * Whether a state-changing request says it is JSON. Browsers cannot send that content type to
     * another site without asking it first (CORS), so this also keeps other pages from posting
     * acknowledgements or silences in an officer's name.
     */
    static boolean isJson(Exchange exchange) {
        String type = exchange.requestHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    static void audit(AuditLog audit, Exchange exchange, String route, Map<String, String> details) {
        String userAgent = exchange.requestHeader("User-Agent");
        audit.record(exchange.user(), route, exchange.remoteAddress(), userAgent == null ? "" : userAgent, details);
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
