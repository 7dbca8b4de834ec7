package org.ember.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small helpers for the console's hand-written routes: replies, bodies, audit details. */
final class HttpReplies {
    /** Operator requests are a few hundred bytes; anything much larger is refused. */
    static final int MAX_BODY = 16 * 1024;

    private HttpReplies() {}

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text);
    }

    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", org.ember.model.codec.Json.toText(value));
    }

    static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        text(exchange, 405, "method not allowed");
    }

    /** The request body, at most {@link #MAX_BODY} bytes; null when it is larger. */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY) {
                    return null;
                }
            }
            return out.toByteArray();
        }
    }

    /**
     * Whether a state-changing request says it is JSON. Browsers cannot send that content type to
     * another site without asking it first (CORS), so this also keeps other pages from posting
     * acknowledgements or silences in an officer's name.
     */
    static boolean isJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    static void audit(AuditLog audit, HttpExchange exchange, String route, Map<String, String> details) {
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        audit.record(route, exchange.getRemoteAddress().getAddress().getHostAddress(), userAgent == null ? "" : userAgent,
                details);
    }

    /** The base URL the client used (its Host header), so links work behind a proxy too. */
    static String baseUrl(HttpExchange exchange, String fallback) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+") ? fallback : "http://" + host + "/";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
