package org.ember.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ember.console.auth.Session;
import org.ember.console.auth.Sessions;
import org.ember.console.auth.Users;

/**
 * Who may ask for what, decided before any route runs. With a users file every route but the login
 * page, its files, Leaflet and the probes ({@code /healthz}, {@code /readyz}, {@code /metrics}) needs
 * a session; a state-changing request also needs the session's CSRF token in {@code X-CSRF-Token}.
 * What each role may see or do is decided by the routes ({@link Exchange#restricted()},
 * {@link Exchange#mayActOn(String)}, {@link Exchange#maySilence()}).
 *
 * <p>Without a users file the console is open, as before login existed: everybody is "anonymous",
 * sees what a partner sees, and may acknowledge and silence. {@link ConsoleServer} allows that only
 * on a loopback address.
 */
final class Access {
    static final Access OPEN = new Access(null, null, false);
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> PUBLIC = Set.of("/login", "/login.js", "/style.css", "/api/login",
            "/healthz", "/readyz", "/metrics");
    /** Pages a browser opens from a link: without a session they lead to the login page, then back. */
    private static final Set<String> PAGES = Set.of("/", "/index.html");

    /** A refused request: the status, and for pages the login page to go to. */
    record Refusal(int status, String message, String location) {
        void send(Request request, Response response, Callback callback) {
            if (location != null) {
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.LOCATION, location);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                callback.succeeded();
            } else {
                Response.writeError(request, response, callback, status, message);
            }
        }
    }

    /** The session found (null when none) and, when refused, why. */
    record Verdict(Session session, Refusal refusal) {}

    private final Users users;
    private final Sessions sessions;
    private final boolean secureCookies;

    Access(Users users, Sessions sessions, boolean secureCookies) {
        this.users = users;
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    boolean open() {
        return users == null;
    }

    Users users() {
        return users;
    }

    Sessions sessions() {
        return sessions;
    }

    Verdict check(Request request, String path, boolean safeMethod) {
        if (open()) {
            return new Verdict(null, null);
        }
        Session session = sessions.find(sessionId(request)).orElse(null);
        if (PUBLIC.contains(path) || path.startsWith(StaticFiles.LEAFLET_URL_PREFIX)) {
            return new Verdict(session, null);
        }
        if (session == null) {
            if (safeMethod && (PAGES.contains(path) || path.matches("/alerts/[A-Za-z0-9_-]{1,128}/ack"))) {
                String next = URLEncoder.encode(path, StandardCharsets.UTF_8);
                return new Verdict(null, new Refusal(303, "log in first", "/login?next=" + next));
            }
            return new Verdict(null, new Refusal(401, "log in first", null));
        }
        if (!safeMethod) {
            String token = request.getHeaders().get(CSRF_HEADER);
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                return new Verdict(session, new Refusal(403, "missing or wrong " + CSRF_HEADER, null));
            }
        }
        return new Verdict(session, null);
    }

    static String sessionId(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(Sessions.COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS. */
    String cookie(Session session, boolean requestSecure) {
        return Sessions.COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + sessions.maxAgeSeconds() + (secureCookies || requestSecure ? "; Secure" : "");
    }

    String expiredCookie(boolean requestSecure) {
        return Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                + (secureCookies || requestSecure ? "; Secure" : "");
    }
}
