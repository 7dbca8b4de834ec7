package org.ember.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ember.geo.area.AreaCatalogue;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;

/**
 * The console's web server: the live hotspot map, its data and its event stream.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} with a small fixed pool of request threads:
 * the console has a handful of routes plus Server-Sent Events, and the JDK server adds no
 * dependency to the job's classpath (the demo runs the console next to the job, whose Flink and
 * Kafka jars would clash with a web framework's own copies). Event streams are handed to
 * {@link SseHub}'s threads at once, so open pages never use up the request threads.
 *
 * <p>Routes: {@code /} (the page; {@code /app.js}, {@code /style.css}), {@code /webjars/leaflet/1.9.4/dist/...},
 * {@code /api/areas.geojson}, {@code /api/state}, {@code /events}, {@code /api/export.csv},
 * {@code /metrics}, {@code /healthz}; operators' actions {@code POST /api/alerts/{fingerprint}/ack},
 * {@code GET /alerts/{fingerprint}/ack}, {@code POST /api/silences} ({@link OperatorActions}); the CAP
 * feed {@code /cap/feed} and {@code /cap/alerts/{identifier}} ({@link CapRoutes}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final int REQUEST_THREADS = 4;
    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One route's work; the wrapper deals with methods, errors and closing. */
    @FunctionalInterface
    private interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final ConsoleConfig config;
    private final LiveState state = new LiveState();
    private final CoveredAreas areas;
    private final PublicViews views;
    private final StaticFiles files = new StaticFiles();
    private final PrometheusMeterRegistry registry;
    private final Counter pageViews;
    private final Counter countsReceived;
    private final Counter alertsReceived;
    // Resources, set one by one in the constructor so that a failure half-way can release those already held.
    private AuditLog audit;
    private SseHub hub;
    private ExecutorService requestThreads;
    private HttpServer http;
    private KafkaFeedReader reader;
    private ControlWriter controls;
    private boolean closed;
    /** The job's health; null while nobody watches a job (a console on its own answers for itself only). */
    private volatile org.ember.console.health.HealthSource healthSource;

    private ConsoleServer(ConsoleConfig config, Duration keepAlive) throws IOException {
        this.config = config;
        this.registry = config.registry();
        this.areas = CoveredAreas.of(AreaCatalogue.load(config.dataDir(), config.coverage()));
        this.views = new PublicViews(config.suppression());
        this.pageViews = Counter.builder("ember.console.page.views")
                .description("Times the console page was opened").register(registry);
        this.countsReceived = Counter.builder("ember.console.updates.received").tag("kind", "counts")
                .description("Updates applied to the live state").register(registry);
        this.alertsReceived = Counter.builder("ember.console.updates.received").tag("kind", "alert")
                .description("Updates applied to the live state").register(registry);
        try {
            this.audit = new AuditLog(config.auditLog());
            this.http = HttpServer.create(new InetSocketAddress(config.bindHost(), config.port()), 64);
            this.hub = new SseHub(views, registry, keepAlive);
            state.addListener(hub);
            state.addListener(new LiveState.Listener() {
                @Override
                public void countsChanged(AreaCountsView counts) {
                    countsReceived.increment();
                }

                @Override
                public void alertAdded(Alert alert) {
                    alertsReceived.increment();
                }
            });
            this.requestThreads = Executors.newFixedThreadPool(REQUEST_THREADS, DaemonThreads.named("ember-console-http"));
            http.setExecutor(requestThreads);
            SseHub events = hub;
            http.createContext("/", wrap(this::page));
            http.createContext("/api/areas.geojson", wrap(exact("/api/areas.geojson", this::areas)));
            http.createContext("/api/state", wrap(exact("/api/state", this::state)));
            http.createContext("/api/export.csv", wrap(exact("/api/export.csv", this::export)));
            http.createContext("/events", wrap(exact("/events", events::accept)));
            http.createContext("/metrics", wrap(exact("/metrics", this::metrics)));
            http.createContext("/healthz", wrap(exact("/healthz", e -> health(e, false))));
            http.createContext("/readyz", wrap(exact("/readyz", e -> health(e, true))));
            // Operators' acknowledgements and silences (to ember.acks), and the CAP feed.
            this.controls = config.bootstrapServers() != null
                    ? new KafkaControlWriter(config.bootstrapServers(), "ember-console") : new ControlWriter.InMemory();
            OperatorActions actions = new OperatorActions(state, controls, audit, java.time.Clock.systemUTC());
            http.createContext("/api/alerts/", actions);
            http.createContext("/alerts/", actions);
            http.createContext("/api/silences", actions);
            CapRoutes cap = new CapRoutes(AreaCatalogue.load(config.dataDir(), config.coverage()),
                    "ember@" + config.coverage().name(), audit, () -> url().toString());
            state.addListener(cap);
            http.createContext("/cap/", cap);
            http.start();
            if (config.bootstrapServers() != null) {
                this.reader = KafkaFeedReader.start(config.bootstrapServers(), state, registry);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "console at {0}: {1} LSOAs of {2}",
                url(), String.valueOf(areas.size()), config.coverage().name());
    }

    /** Loads the areas, binds and starts serving; with bootstrap servers, starts reading Kafka too. */
    public static ConsoleServer start(ConsoleConfig config) {
        return start(config, SseHub.KEEP_ALIVE);
    }

    /** As {@link #start(ConsoleConfig)}, with a shorter keep-alive so tests see disconnects quickly. */
    static ConsoleServer start(ConsoleConfig config, Duration keepAlive) {
        try {
            return new ConsoleServer(config, keepAlive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the console on " + config.bindHost() + ":" + config.port(), e);
        }
    }

    public URI url() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    public LiveState state() {
        return state;
    }

    CoveredAreas areas() {
        return areas;
    }

    SseHub hub() {
        return hub;
    }

    /** Where acknowledgements and silences go: Kafka, or (without bootstrap servers) memory, for tests. */
    ControlWriter controls() {
        return controls;
    }

    // ---- routes ----

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<StaticFiles.Resource> file = files.find(path);
        if (file.isEmpty()) {
            sendText(exchange, 404, "not found");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            audit(exchange, "/");
            pageViews.increment();
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", file.get().immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        send(exchange, 200, file.get().contentType(), file.get().bytes());
    }

    private void areas(HttpExchange exchange) throws IOException {
        boolean gzip = acceptsGzip(exchange.getRequestHeaders());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/geo+json");
        headers.set("Vary", "Accept-Encoding");
        headers.set("Cache-Control", "no-cache");
        if (gzip) {
            headers.set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, areas.geoJsonLength(gzip));
        try (OutputStream out = exchange.getResponseBody()) {
            areas.writeGeoJson(out, gzip);
        }
    }

    private void state(HttpExchange exchange) throws IOException {
        audit(exchange, "/api/state");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json; charset=utf-8",
                views.state(state.snapshot()).getBytes(StandardCharsets.UTF_8));
    }

    private void export(HttpExchange exchange) throws IOException {
        audit(exchange, "/api/export.csv");
        LiveState.Snapshot snapshot = state.snapshot();
        String stamp = FILE_TIME.format(snapshot.latestEventTime().isPresent()
                ? Instant.ofEpochMilli(snapshot.latestEventTime().getAsLong()) : Instant.now());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("Content-Disposition", "attachment; filename=\"ember-hotspots-" + stamp + ".csv\"");
        send(exchange, 200, "text/csv; charset=utf-8", views.csv(snapshot, areas).getBytes(StandardCharsets.UTF_8));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Makes /healthz and /readyz report the job's state (see {@link org.ember.console.health.HealthSource}). */
    public void reportHealthOf(org.ember.console.health.HealthSource source) {
        this.healthSource = source;
    }

    private void health(HttpExchange exchange, boolean readiness) throws IOException {
        org.ember.console.health.HealthSource source = healthSource;
        if (source == null) {
            sendText(exchange, 200, "ok");
            return;
        }
        org.ember.console.health.HealthReport report;
        try {
            report = source.check();
        } catch (RuntimeException e) {
            report = new org.ember.console.health.HealthReport(false, false,
                    java.util.Map.of("error", e.getClass().getSimpleName()));
        }
        boolean good = readiness ? report.ready() : report.healthy();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("healthy", report.healthy());
        body.put("ready", report.ready());
        body.put("details", new java.util.TreeMap<>(report.details()));
        byte[] json = org.ember.model.codec.Json.toBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(good ? 200 : 503, json.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    // ---- plumbing ----

    private void audit(HttpExchange exchange, String route) {
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        audit.record(route, exchange.getRemoteAddress().getAddress().getHostAddress(), userAgent == null ? "" : userAgent);
    }

    private static Route exact(String path, Route route) {
        return exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                sendText(exchange, 404, "not found");
                return;
            }
            route.handle(exchange);
        };
    }

    /** Only GET; any failure is a 500 (and, for the audited routes, nothing is served unaudited). */
    private com.sun.net.httpserver.HttpHandler wrap(Route route) {
        return exchange -> {
            try {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET");
                    sendText(exchange, 405, "method not allowed");
                    return;
                }
                route.handle(exchange);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "client went away during " + exchange.getRequestURI(), e);
                exchange.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "console failed on " + exchange.getRequestURI(), e);
                try {
                    sendText(exchange, 500, "internal error");
                } catch (IOException | RuntimeException ignored) {
                    exchange.close(); // headers were already sent; nothing more to say
                }
            }
        };
    }

    static boolean acceptsGzip(Headers headers) {
        List<String> values = headers.get("Accept-Encoding");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String token : value.split(",")) {
                String[] parts = token.trim().split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                boolean refused = parts.length > 1 && parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
                if (coding.equals("gzip") && !refused) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reader != null) {
            reader.close();
        }
        if (controls != null) {
            controls.close();
        }
        if (hub != null) {
            hub.close();
            hub.meters().forEach(registry::remove);
        }
        if (http != null) {
            http.stop(0);
        }
        if (requestThreads != null) {
            requestThreads.shutdownNow();
            try {
                requestThreads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List.of(pageViews, countsReceived, alertsReceived).forEach(registry::remove);
        if (audit != null) {
            try {
                audit.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close the audit log " + config.auditLog(), e);
            }
        }
    }
}
