package org.ember.console;


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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.ember.geo.area.AreaCatalogue;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.console.auth.Sessions;
import org.ember.console.auth.Users;
import org.ember.console.health.HealthReport;
import org.ember.rules.routing.ConfigException;

/**
 * The console's web server: the live hotspot map, its data and its event stream.
 *
 * <p>Served by Jetty ({@link HttpFront}: host and origin checks, bodies read without a thread and
 * within a deadline, connection and thread limits). Event streams are handed to {@link SseHub}'s
 * threads at once, so open pages never use up the request threads.
 *
 * <p>Routes: {@code /} (the page; {@code /app.js}, {@code /style.css}), {@code /webjars/leaflet/1.9.4/dist/...},
 * {@code /api/areas.geojson}, {@code /api/state}, {@code /events}, {@code /api/export.csv},
 * {@code /metrics}, {@code /healthz}, {@code /readyz} (from the configured {@link org.ember.console.health.HealthSource}); operators' actions {@code POST /api/alerts/{fingerprint}/ack},
 * {@code GET /alerts/{fingerprint}/ack}, {@code POST /api/silences} ({@link OperatorActions}); the CAP
 * feed {@code /cap/feed} and {@code /cap/alerts/{identifier}} ({@link CapRoutes}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());
    /** The page loads nothing from anywhere but the console (no CDN, no tile server unless configured). */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ConsoleConfig config;
    private final LiveState state = new LiveState();
    private final CoveredAreas areas;
    private final PublicViews views;
    private final Exports exports;
    private final StaticFiles files = new StaticFiles();
    private final PrometheusMeterRegistry registry;
    private final Counter pageViews;
    private final Counter countsReceived;
    private final Counter alertsReceived;
    // Resources, set one by one in the constructor so that a failure half-way can release those already held.
    private AuditLog audit;
    private SseHub hub;
    private HttpFront http;
    private Access access = Access.OPEN;
    private final AlertInbox inbox = new AlertInbox();
    private final History history = new History();
    private KafkaFeedReader reader;
    private ControlWriter controls;
    private boolean closed;

    private ConsoleServer(ConsoleConfig config, Duration keepAlive) throws IOException {
        this.config = config;
        this.registry = config.registry();
        this.areas = CoveredAreas.of(AreaCatalogue.load(config.dataDir(), config.coverage()));
        this.views = new PublicViews(config.suppression());
        this.exports = new Exports(areas, views, config.suppression());
        this.pageViews = Counter.builder("ember.console.page.views")
                .description("Times the console page was opened").register(registry);
        this.countsReceived = Counter.builder("ember.console.updates.received").tag("kind", "counts")
                .description("Updates applied to the live state").register(registry);
        this.alertsReceived = Counter.builder("ember.console.updates.received").tag("kind", "alert")
                .description("Updates applied to the live state").register(registry);
        try {
            this.audit = new AuditLog(config.auditLog());
            Users users = loadUsers(config);
            this.access = users == null ? Access.OPEN : new Access(users, new Sessions(),
                    config.publicUrl() != null && "https".equals(config.publicUrl().getScheme()));
            this.http = new HttpFront(config.bindHost(), config.port(), config.publicUrl());
            http.access(access);
            state.addListener(inbox);
            state.addListener(history);
            this.hub = new SseHub(views, registry, keepAlive, state::snapshot);
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
            SseHub events = hub;
            http.route("/", wrap(this::page));
            http.route("/login", wrap(exact("/login", this::page)));
            http.route("/login.js", wrap(exact("/login.js", this::page)));
            http.route("/api/areas.geojson", wrap(exact("/api/areas.geojson", this::areas)));
            http.route("/api/state", wrap(exact("/api/state", this::state)));
            http.route("/api/export.csv", wrap(exact("/api/export.csv", this::export)));
            http.route("/api/export.geojson", wrap(exact("/api/export.geojson", this::exportGeoJson)));
            http.route("/api/export.png", wrap(exact("/api/export.png", this::exportPng)));
            http.route("/api/brief.pdf", wrap(exact("/api/brief.pdf", this::brief)));
            http.route("/api/places.geojson", wrap(exact("/api/places.geojson", this::places)));
            http.route("/events", wrap(exact("/events", events::accept)));
            http.route("/metrics", wrap(exact("/metrics", this::metrics)));
            http.route("/healthz", wrap(exact("/healthz", this::health)));
            http.route("/readyz", wrap(exact("/readyz", this::ready)));
            // Operators' acknowledgements and silences (to ember.acks), and the CAP feed.
            this.controls = config.bootstrapServers() != null
                    ? new KafkaControlWriter(config.bootstrapServers(), "ember-console") : new ControlWriter.InMemory();
            if (controls instanceof KafkaControlWriter kafka) {
                audit.copyTo(kafka::writeAudit);
            }
            OperatorActions actions = new OperatorActions(state, inbox, views, controls, audit, java.time.Clock.systemUTC());
            LoginRoutes login = new LoginRoutes(access, audit);
            http.route("/api/login", login);
            http.route("/api/logout", login);
            http.route("/api/me", login);
            http.route("/api/alerts", actions);
            http.route("/api/alerts/", actions);
            http.route("/alerts/", actions);
            http.route("/api/silences", actions);
            CapRoutes cap = new CapRoutes(AreaCatalogue.load(config.dataDir(), config.coverage()),
                    "ember@" + config.coverage().name(), audit, () -> url().toString());
            state.addListener(cap);
            http.route("/cap/", cap);
            http.startServing();
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

    private static Users loadUsers(ConsoleConfig config) {
        if (config.usersFile() == null) {
            if (!config.bindHost().startsWith("127.") && !config.bindHost().equals("::1") && !config.bindHost().equals("localhost")) {
                throw new IllegalArgumentException("the console listens on " + config.bindHost()
                        + " without a users file: anyone who reaches it could acknowledge and silence."
                        + " Give it a users file (see docs/console.md) or listen on 127.0.0.1");
            }
            return null;
        }
        try {
            return Users.load(config.usersFile());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the users file cannot be used:\n" + e.getMessage(), e);
        }
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

    /** Where the console is reached: its public URL when configured, else the address it listens on. */
    public URI url() {
        return http.baseUrl();
    }

    /** The address the console listens on (for tests and the demo on one machine). */
    public URI localUrl() {
        InetSocketAddress address = http.address();
        String host = address.getHostString();
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

    private void page(Exchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Optional<StaticFiles.Resource> file = files.find(path);
        if (file.isEmpty()) {
            sendText(exchange, 404, "not found");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            audit(exchange, "/");
            exchange.setResponseHeader("Content-Security-Policy", CSP);
            pageViews.increment();
        }
        exchange.setResponseHeader("Cache-Control", file.get().immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        send(exchange, 200, file.get().contentType(), file.get().bytes());
    }

    private void areas(Exchange exchange) throws IOException {
        boolean gzip = acceptsGzip(exchange.requestHeaders("Accept-Encoding"));
        exchange.setResponseHeader("Content-Type", "application/geo+json");
        exchange.setResponseHeader("Vary", "Accept-Encoding");
        exchange.setResponseHeader("Cache-Control", "no-cache");
        if (gzip) {
            exchange.setResponseHeader("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, areas.geoJsonLength(gzip));
        try (OutputStream out = exchange.getResponseBody()) {
            areas.writeGeoJson(out, gzip);
        }
    }

    private void state(Exchange exchange) throws IOException {
        audit(exchange, "/api/state");
        exchange.setResponseHeader("Cache-Control", "no-store");
        String at = exchange.query("at");
        if (at != null) {
            // The time slider: the map at an hour of the last 28 days, with what is usual then.
            long time;
            try {
                time = Long.parseLong(at);
            } catch (NumberFormatException e) {
                sendText(exchange, 400, "at is epoch milliseconds");
                return;
            }
            LiveState.Snapshot then = history.at(time);
            String body = views.stateWithUsual(then, exchange.restricted(), history, time, history.span());
            send(exchange, 200, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "application/json; charset=utf-8",
                views.state(state.snapshot(), exchange.restricted()).getBytes(StandardCharsets.UTF_8));
    }

    private void export(Exchange exchange) throws IOException {
        audit(exchange, "/api/export.csv");
        LiveState.Snapshot snapshot = state.snapshot();
        String stamp = FILE_TIME.format(snapshot.latestEventTime().isPresent()
                ? Instant.ofEpochMilli(snapshot.latestEventTime().getAsLong()) : Instant.now());
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.setResponseHeader("Content-Disposition", "attachment; filename=\"ember-hotspots-" + stamp + ".csv\"");
        send(exchange, 200, "text/csv; charset=utf-8", views.csv(snapshot, areas, exchange.restricted()).getBytes(StandardCharsets.UTF_8));
    }

    private String stamp(LiveState.Snapshot snapshot) {
        return FILE_TIME.format(snapshot.latestEventTime().isPresent()
                ? Instant.ofEpochMilli(snapshot.latestEventTime().getAsLong()) : Instant.now());
    }

    private void exportGeoJson(Exchange exchange) throws IOException {
        audit(exchange, "/api/export.geojson");
        LiveState.Snapshot snapshot = state.snapshot();
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.setResponseHeader("Content-Disposition", "attachment; filename=\"ember-map-" + stamp(snapshot) + ".geojson\"");
        send(exchange, 200, "application/geo+json", exports.geoJson(snapshot, exchange.restricted()).getBytes(StandardCharsets.UTF_8));
    }

    private void exportPng(Exchange exchange) throws IOException {
        String layer = "tension".equals(exchange.query("layer")) ? "tension" : "counts";
        audit(exchange, "/api/export.png");
        LiveState.Snapshot snapshot = state.snapshot();
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.setResponseHeader("Content-Disposition", "attachment; filename=\"ember-map-" + layer + "-" + stamp(snapshot) + ".png\"");
        send(exchange, 200, "image/png", exports.png(snapshot, exchange.restricted(), layer, 1600, 1000));
    }

    private void brief(Exchange exchange) throws IOException {
        audit(exchange, "/api/brief.pdf");
        LiveState.Snapshot snapshot = state.snapshot();
        String who = exchange.session() == null ? "anonymous (no users file)"
                : exchange.session().user().displayName() + " (" + exchange.session().role().id().replace('_', ' ') + ")";
        exchange.setResponseHeader("Cache-Control", "no-store");
        exchange.setResponseHeader("Content-Disposition", "attachment; filename=\"ember-brief-" + stamp(snapshot) + ".pdf\"");
        send(exchange, 200, "application/pdf", exports.brief(snapshot, exchange.restricted(), who));
    }

    private void places(Exchange exchange) throws IOException {
        exchange.setResponseHeader("Cache-Control", "no-cache");
        send(exchange, 200, "application/geo+json", areas.places().geoJson());
    }

    private void metrics(Exchange exchange) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** 200 while the job behind the console is healthy, 503 otherwise; the body says why. */
    private void health(Exchange exchange) throws IOException {
        HealthReport report = config.health().check();
        sendHealth(exchange, report.healthy(), report);
    }

    /** 200 once the job is healthy and reads every feed. */
    private void ready(Exchange exchange) throws IOException {
        HealthReport report = config.health().check();
        sendHealth(exchange, report.healthy() && report.ready(), report);
    }

    private static void sendHealth(Exchange exchange, boolean ok, HealthReport report) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "unavailable");
        body.put("healthy", report.healthy());
        body.put("ready", report.ready());
        body.put("details", report.details());
        exchange.setResponseHeader("Cache-Control", "no-store");
        send(exchange, ok ? 200 : 503, "application/json; charset=utf-8",
                org.ember.model.codec.Json.toText(body).getBytes(StandardCharsets.UTF_8));
    }

    // ---- plumbing ----

    private void audit(Exchange exchange, String route) {
        String userAgent = exchange.requestHeader("User-Agent");
        audit.record(exchange.user(), route, exchange.remoteAddress(), userAgent == null ? "" : userAgent, Map.of());
    }

    private static HttpFront.Route exact(String path, HttpFront.Route route) {
        return exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                sendText(exchange, 404, "not found");
                return;
            }
            route.handle(exchange);
        };
    }

    /** Only GET; any failure is a 500 (and, for the audited routes, nothing is served unaudited). */
    private HttpFront.Route wrap(HttpFront.Route route) {
        return exchange -> {
            try {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.setResponseHeader("Allow", "GET");
                    sendText(exchange, 405, "method not allowed");
                    return;
                }
                route.handle(exchange);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "console failed on " + exchange.getRequestURI(), e);
                exchange.fail(500, e); // nothing is served unaudited
            }
        };
    }

    static boolean acceptsGzip(List<String> values) {
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

    private static void sendText(Exchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Exchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.setResponseHeader("Content-Type", contentType);
        exchange.setResponseHeader("X-Content-Type-Options", "nosniff");
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
            http.close();
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
