package org.ember.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ember.console.auth.Session;
import org.ember.console.auth.User;
import org.ember.model.codec.Json;

/**
 * Logging in and out with the users file: {@code POST /api/login} ({@code {"name", "password"}})
 * sets the session cookie and answers who you are and your CSRF token; {@code GET /api/me} answers
 * the same for the page; {@code POST /api/logout} ends the session. Every login, failed login and
 * logout is audited.
 */
final class LoginRoutes implements HttpFront.Route {
    record LoginRequest(String name, String password) {}

    private final Access access;
    private final AuditLog audit;

    LoginRoutes(Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/api/login" -> {
                if (!"POST".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "POST");
                } else {
                    login(exchange);
                }
            }
            case "/api/logout" -> {
                if (!"POST".equals(method)) {
                    HttpReplies.methodNotAllowed(exchange, "POST");
                } else {
                    logout(exchange);
                }
            }
            case "/api/me" -> me(exchange);
            default -> HttpReplies.text(exchange, 404, "not found");
        }
    }

    private void login(Exchange exchange) throws IOException {
        if (access.open()) {
            HttpReplies.text(exchange, 404, "this console has no users file: nobody logs in");
            return;
        }
        if (!HttpReplies.isJson(exchange)) {
            HttpReplies.text(exchange, 415, "send {\"name\": …, \"password\": …} as application/json");
            return;
        }
        LoginRequest request;
        try {
            request = Json.fromBytes(exchange.body(), LoginRequest.class);
        } catch (UncheckedIOException e) {
            HttpReplies.text(exchange, 400, "not a valid login");
            return;
        }
        char[] password = request.password() == null ? new char[0] : request.password().toCharArray();
        Optional<User> user = access.users().authenticate(request.name(), password);
        if (user.isEmpty()) {
            String tried = request.name() == null ? AuditLog.ANONYMOUS
                    : request.name().replaceAll("[^A-Za-z0-9._@-]", "?");
            audit.record(tried.length() > 64 ? tried.substring(0, 64) : tried, "POST /api/login",
                    exchange.remoteAddress(), userAgent(exchange), Map.of("action", "login", "outcome", "refused"));
            HttpReplies.text(exchange, 401, "unknown name or wrong password");
            return;
        }
        Session session = access.sessions().open(user.get());
        audit.record(session.name(), "POST /api/login", exchange.remoteAddress(), userAgent(exchange),
                Map.of("action", "login", "outcome", "ok", "role", session.role().id()));
        exchange.setResponseHeader("Set-Cookie", access.cookie(session, exchange.secure()));
        HttpReplies.json(exchange, 200, describe(session));
    }

    private void logout(Exchange exchange) throws IOException {
        Session session = exchange.session();
        if (session != null) {
            access.sessions().close(session.id());
            audit.record(session.name(), "POST /api/logout", exchange.remoteAddress(), userAgent(exchange),
                    Map.of("action", "logout"));
        }
        exchange.setResponseHeader("Set-Cookie", access.expiredCookie(exchange.secure()));
        HttpReplies.text(exchange, 200, "logged out");
    }

    private void me(Exchange exchange) throws IOException {
        if (access.open()) {
            Map<String, Object> anonymous = new LinkedHashMap<>();
            anonymous.put("name", AuditLog.ANONYMOUS);
            anonymous.put("display_name", "anonymous (no users file)");
            anonymous.put("role", "open");
            anonymous.put("restricted", true);
            anonymous.put("may_acknowledge", true);
            anonymous.put("may_silence", true);
            anonymous.put("csrf_token", "");
            HttpReplies.json(exchange, 200, anonymous);
            return;
        }
        HttpReplies.json(exchange, 200, describe(exchange.session()));
    }

    private static Map<String, Object> describe(Session session) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", session.name());
        me.put("display_name", session.user().displayName());
        me.put("role", session.role().id());
        me.put("lads", session.user().lads());
        me.put("restricted", session.role().suppressesSmallCounts());
        me.put("may_acknowledge", session.role().mayAcknowledge());
        me.put("may_silence", session.role().maySilence());
        me.put("csrf_token", session.csrfToken());
        return me;
    }

    private static String userAgent(Exchange exchange) {
        String agent = exchange.requestHeader("User-Agent");
        return agent == null ? "" : agent;
    }
}
