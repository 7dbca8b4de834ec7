package org.ember.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The console's HTTP server: Jetty with limits, in front of the routes.
 *
 * <p>What it refuses before any route runs: a {@code Host} the console is not known by (a page on
 * another site resolving its own name to this address — DNS rebinding — or links rewritten to the
 * caller's host); a state-changing request whose {@code Origin} is another site's; a body larger
 * than {@link HttpReplies#MAX_BODY} or that takes longer than {@link #BODY_DEADLINE} to arrive (408).
 * Bodies are read without a thread (Jetty's asynchronous reads), so slow clients hold sockets,
 * never request threads; the number of connections is capped, and an idle connection is closed.
 */
final class HttpFront extends Handler.Abstract implements AutoCloseable {
    /** One route's work; the exchange is completed when it returns unless it {@linkplain Exchange#hold() holds} it. */
    @FunctionalInterface
    interface Route {
        void handle(Exchange exchange) throws IOException;
    }

    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    /** Longer than the event stream's keep-alive, so open pages are never cut. */
    /**
     * A body larger than {@link HttpReplies#MAX_BODY} but not than this is read to its end and thrown
     * away before the 413, so the client reads the answer; a larger one is refused at once.
     */
    static final long DRAIN_LIMIT = 1024 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_CONNECTIONS = 512;
    static final int MAX_THREADS = 32;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());

    private final Server server;
    private final ServerConnector connector;
    private final QueuedThreadPool threads;
    private final TreeMap<String, Route> routes = new TreeMap<>();
    private final String bindHost;
    private final URI publicUrl;
    private final Duration bodyDeadline;
    private Access access = Access.OPEN;

    HttpFront(String bindHost, int port, URI publicUrl) {
        this(bindHost, port, publicUrl, BODY_DEADLINE);
    }

    HttpFront(String bindHost, int port, URI publicUrl, Duration bodyDeadline) {
        this.bodyDeadline = bodyDeadline;
        this.bindHost = bindHost;
        this.publicUrl = publicUrl;
        this.threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("ember-console-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindHost);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(this);
        server.setStopTimeout(1_000);
    }

    /** Who may ask for what; without it every request is anonymous (a console without a users file). */
    void access(Access access) {
        this.access = access;
    }

    /** Serves every path starting with {@code prefix} (the longest matching prefix wins), as the JDK server's contexts did. */
    void route(String prefix, Route route) {
        routes.put(prefix, route);
    }

    void startServing() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(bindHost, connector.getLocalPort());
    }

    /** The URL the console is reached by: the public one when configured, else its own address. */
    URI baseUrl() {
        if (publicUrl != null) {
            String text = publicUrl.toString();
            return URI.create(text.endsWith("/") ? text : text + "/");
        }
        String host = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!hostAllowed(host)) {
            Response.writeError(request, response, callback, 421, "this console is not served under that name");
            return true;
        }
        String method = request.getMethod();
        if (!SAFE_METHODS.contains(method)) {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && !originAllowed(origin)) {
                Response.writeError(request, response, callback, 403, "requests from another site are refused");
                return true;
            }
        }
        String path = Request.getPathInContext(request);
        Route route = find(path);
        if (route == null) {
            Response.writeError(request, response, callback, 404, "not found");
            return true;
        }
        Access.Verdict verdict = access.check(request, path, SAFE_METHODS.contains(method));
        if (verdict.refusal() != null) {
            verdict.refusal().send(request, response, callback);
            return true;
        }
        long declared = request.getLength();
        if (declared > DRAIN_LIMIT) {
            Response.writeError(request, response, callback, 413, "request too large");
            return true;
        }
        if ((SAFE_METHODS.contains(method) && declared <= HttpReplies.MAX_BODY) || declared == 0) {
            run(route, exchange(request, response, callback, new byte[0], verdict));
            return true;
        }
        // The body is gathered without a thread; the route runs on a pool thread once all of it is here.
        readBody(request, HttpReplies.MAX_BODY, DRAIN_LIMIT)
                .orTimeout(bodyDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        int status = cause instanceof TimeoutException ? 408
                                : cause instanceof IllegalArgumentException ? 413 : 400;
                        LOG.log(System.Logger.Level.DEBUG, "request body not read: " + cause);
                        Response.writeError(request, response, callback, status, status == 408
                                ? "the request body took too long" : status == 413 ? "request too large" : "bad request body");
                        return;
                    }
                    try {
                        threads.execute(() -> run(route, exchange(request, response, callback, body, verdict)));
                    } catch (RuntimeException rejected) {
                        Response.writeError(request, response, callback, 503, "busy");
                    }
                });
        return true;
    }

    /**
     * The whole body, read as it arrives (Jetty calls back when there is more), never more than
     * {@code max} bytes: larger fails with an IllegalArgumentException. A body over {@code max} is
     * still read and thrown away up to {@code drainLimit} bytes before failing, because closing a
     * connection with unread bytes makes the kernel send a reset, and the client then sees
     * "connection reset" instead of the 413 that says why (the lingering close of RFC 9112 9.6).
     */
    static CompletableFuture<byte[]> readBody(Content.Source source, int max, long drainLimit) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        Runnable reader = new Runnable() {
            private long seen;

            @Override
            public void run() {
                while (!result.isDone()) {
                    Content.Chunk chunk = source.read();
                    if (chunk == null) {
                        source.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        result.completeExceptionally(chunk.getFailure());
                        return;
                    }
                    ByteBuffer buffer = chunk.getByteBuffer();
                    seen += buffer.remaining();
                    if (seen > drainLimit) {
                        chunk.release();
                        IllegalArgumentException tooLarge = new IllegalArgumentException("body larger than " + drainLimit);
                        source.fail(tooLarge);
                        result.completeExceptionally(tooLarge);
                        return;
                    }
                    if (seen <= max) {
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        collected.write(bytes, 0, bytes.length);
                    }
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (last) {
                        if (seen > max) {
                            result.completeExceptionally(new IllegalArgumentException("body larger than " + max));
                        } else {
                            result.complete(collected.toByteArray());
                        }
                        return;
                    }
                }
            }
        };
        reader.run();
        return result;
    }

    private Exchange exchange(Request request, Response response, Callback callback, byte[] body, Access.Verdict verdict) {
        Exchange exchange = new Exchange(request, response, callback, body);
        exchange.identify(verdict.session(), access.open());
        return exchange;
    }

    private Route find(String path) {
        for (Map.Entry<String, Route> entry = routes.floorEntry(path); entry != null;
                entry = routes.lowerEntry(entry.getKey())) {
            if (path.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void run(Route route, Exchange exchange) {
        try {
            route.handle(exchange);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away during " + exchange.getRequestURI(), e);
            exchange.fail(500, e);
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "console failed on " + exchange.getRequestURI(), e);
            exchange.fail(500, e);
            return;
        }
        if (!exchange.held()) {
            exchange.close();
        }
    }

    /**
     * The names the console answers to: the public URL's host, and its own loopback names when it
     * listens on loopback. Bound to every interface without a public URL, any name is accepted
     * (and a warning was logged at start).
     */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String name = hostName(hostHeader);
        if (publicUrl != null && name.equals(publicUrl.getHost().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (isLoopback(bindHost)) {
            return isLoopback(name);
        }
        if (name.equals(bindHost.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return publicUrl == null && isWildcard(bindHost);
    }

    boolean originAllowed(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" (sandboxed frames, file: pages) and garbage
        }
        if (publicUrl != null && sameOrigin(uri, publicUrl)) {
            return true;
        }
        return isLoopback(bindHost) && isLoopback(uri.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == connector.getLocalPort();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static String hostName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "console HTTP server did not stop cleanly", e);
        }
    }
}
