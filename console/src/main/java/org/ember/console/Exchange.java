package org.ember.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.ember.console.auth.Session;

/**
 * One request and its reply, as the console's routes see them: blocking streams over Jetty's
 * request and response. The body of a request has already been read in full (see {@link HttpFront}),
 * so a route never waits on a slow client; only its reply may block.
 *
 * <p>A route's exchange is completed when the route returns, unless the route {@linkplain #hold() holds}
 * it (the event stream, written by threads of its own until {@link #close()}).
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final byte[] body;
    private final AtomicBoolean closed = new AtomicBoolean();
    private OutputStream out;
    private volatile boolean held;
    private Session session;
    private boolean open;

    Exchange(Request request, Response response, Callback callback, byte[] body) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.body = body;
    }

    URI getRequestURI() {
        return request.getHttpURI().toURI();
    }

    String getRequestMethod() {
        return request.getMethod();
    }

    /** The first value of a request header, or null. */
    String requestHeader(String name) {
        return request.getHeaders().get(name);
    }

    List<String> requestHeaders(String name) {
        return request.getHeaders().getValuesList(name);
    }

    /** The request's query parameter, or null. */
    String query(String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }

    void setResponseHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    void addResponseHeader(String name, String value) {
        response.getHeaders().add(name, value);
    }

    /** Status and length: -1 for no body, 0 for a body of unknown length (streamed), else the exact length. */
    void sendResponseHeaders(int status, long length) {
        response.setStatus(status);
        if (length > 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        } else if (length < 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        }
    }

    synchronized OutputStream getResponseBody() {
        if (out == null) {
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    /** The whole request body (empty for requests without one). */
    byte[] body() {
        return body;
    }

    String remoteAddress() {
        String address = Request.getRemoteAddr(request);
        return address == null ? "" : address;
    }

    boolean secure() {
        return request.isSecure();
    }

    Request request() {
        return request;
    }

    /** Who is asking, set by {@link HttpFront} from the session cookie; null on a console without users or before login. */
    Session session() {
        return session;
    }

    void identify(Session session, boolean openConsole) {
        this.session = session;
        this.open = openConsole;
    }

    /** The name the audit log records: the person's, or "anonymous" on a console without a users file. */
    String user() {
        return session != null ? session.name() : AuditLog.ANONYMOUS;
    }

    /**
     * Whether what is sent must follow the small-count rule and carry no free text: for partners,
     * and for everyone on a console without a users file (nobody knows who is looking).
     */
    boolean restricted() {
        return session == null || session.role().suppressesSmallCounts();
    }

    /** Whether the person may acknowledge or comment on an alert of this local authority. */
    boolean mayActOn(String lad) {
        return open || (session != null && session.role().mayAcknowledge() && session.user().covers(lad));
    }

    boolean maySilence() {
        return open || (session != null && session.role().maySilence());
    }

    /** Keeps the exchange open after the route returns; whoever holds it must {@link #close()} it. */
    void hold() {
        held = true;
    }

    boolean held() {
        return held;
    }

    boolean committed() {
        return response.isCommitted();
    }

    /** Ends the reply (once; later calls do nothing). */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OutputStream stream;
        synchronized (this) {
            stream = out;
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                callback.failed(e);
                return;
            }
        }
        callback.succeeded();
    }

    /** Ends the reply with an error status if nothing was sent yet, else by dropping the connection. */
    void fail(int status, Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!response.isCommitted()) {
            Response.writeError(request, response, callback, status);
        } else {
            callback.failed(cause);
        }
    }
}
