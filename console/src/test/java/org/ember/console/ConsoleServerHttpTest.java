package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.Coverage;
import org.ember.model.Alert;
import org.ember.model.privacy.SmallCountSuppression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of a real server on a free port, over real HTTP, with the real South Wales and Gwent boundaries. */
class ConsoleServerHttpTest {
    private static final String USER_AGENT = "ember-http-test/1.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path temp;

    private static PrometheusMeterRegistry registry;
    private static ConsoleServer server;
    private static AreaCatalogue catalogue;
    private static List<String> cardiffLsoas;
    private static List<String> allLsoas;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("ember.job.records.in").increment(42); // as the job would write to the shared registry
        Coverage coverage = TestData.coverage();
        server = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(), coverage,
                SmallCountSuppression.DEFAULT_THRESHOLD, temp.resolve("audit/console-audit.jsonl"), registry));
        catalogue = AreaCatalogue.load(TestData.dataDir(), coverage);
        cardiffLsoas = catalogue.lsoas().values().stream()
                .filter(a -> a.parentCode().equals("W06000015")).map(a -> a.code()).sorted().toList();
        allLsoas = catalogue.lsoas().keySet().stream().filter(c -> !cardiffLsoas.contains(c)).sorted().toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listensOnLoopbackOnTheFreePortItWasGiven() {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.url().getPort()).isPositive();
    }

    @Test
    void thePageAndItsFilesAreServedAndAPageViewIsAuditedAndCounted() throws Exception {
        double viewsBefore = registry.counter("ember.console.page.views").count();

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("/webjars/leaflet/1.9.4/dist/leaflet.js", "/app.js", "/style.css", "Export CSV")
                .doesNotContain("http://", "https://");

        assertThat(get("/app.js").headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(get("/style.css").body()).contains("font-size");
        assertThat(registry.counter("ember.console.page.views").count()).isEqualTo(viewsBefore + 1);
        assertThat(auditLines()).anySatisfy(line -> {
            assertThat(line.get("route").asText()).isEqualTo("/");
            assertThat(line.get("user").asText()).isEqualTo("anonymous");
            assertThat(line.get("remote_address").asText()).isEqualTo("127.0.0.1");
            assertThat(line.get("user_agent").asText()).isEqualTo(USER_AGENT);
            assertThat(line.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
    }

    @Test
    void leafletComesFromTheWebjarAndNothingElseCanBeAskedFor() throws Exception {
        HttpResponse<String> js = get("/webjars/leaflet/1.9.4/dist/leaflet.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("Leaflet 1.9.4");
        assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.css").body()).contains(".leaflet-container");
        HttpResponse<byte[]> png = getBytes("/webjars/leaflet/1.9.4/dist/images/layers.png", false);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");

        // Jetty refuses dot segments as ambiguous (400) before any route sees them.
        assertThat(get("/webjars/leaflet/1.9.4/dist/../../../../../META-INF/MANIFEST.MF").statusCode()).isIn(400, 404);
        assertThat(get("/webjars/leaflet/1.9.4/dist/%2e%2e/%2e%2e/pom.xml").statusCode()).isIn(400, 404);
        assertThat(get("/org/ember/console/ConsoleServer.class").statusCode()).isEqualTo(404);
        assertThat(get("/api/statex").statusCode()).isEqualTo(404);
    }

    @Test
    void areasAreTheCoveredLsoasAsSimplifiedGeoJsonGzippedWhenAsked() throws Exception {
        HttpResponse<byte[]> zipped = getBytes("/api/areas.geojson", true);
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            unzipped = in.readAllBytes();
        }
        HttpResponse<byte[]> plain = getBytes("/api/areas.geojson", false);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(unzipped);
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);

        JsonNode collection = MAPPER.readTree(plain.body());
        assertThat(collection.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode features = collection.get("features");
        assertThat(features.size()).isEqualTo(catalogue.lsoas().size()).isGreaterThan(1000);
        Set<String> codes = new HashSet<>();
        for (JsonNode feature : features) {
            JsonNode p = feature.get("properties");
            codes.add(p.get("code").asText());
            assertThat(p.get("name").asText()).isNotBlank();
            assertThat(p.get("lad_name").asText()).isNotEqualTo(p.get("lad").asText()); // a name, not the code again
            assertThat(feature.get("geometry").get("type").asText()).isIn("Polygon", "MultiPolygon");
        }
        assertThat(codes).isEqualTo(catalogue.lsoas().keySet());
        JsonNode cardiff = find(features, TestData.CARDIFF_036A);
        assertThat(cardiff.get("properties").get("name").asText()).isEqualTo("Cardiff 036A");
        assertThat(cardiff.get("properties").get("lad").asText()).isEqualTo("W06000015");
        assertThat(cardiff.get("properties").get("lad_name").asText()).isEqualTo("Cardiff");
        String text = new String(plain.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContainPattern("\\d\\.\\d{6,}"); // rounded to 5 decimals
        long rawBytes = 0;
        for (String lad : TestData.coverage().ladCodes()) {
            rawBytes += Files.size(TestData.dataDir().resolve("boundaries/wales_lsoa11_by_lad/" + lad + ".json"));
        }
        assertThat((long) plain.body().length).as("rounded and simplified: well below the source files").isLessThan(rawBytes / 2);
        long rawPoints = catalogue.lsoas().values().stream().mapToLong(a -> a.geometry().getNumPoints()).sum();
        long servedPoints = 0;
        for (JsonNode feature : features) {
            servedPoints += countPositions(feature.get("geometry").get("coordinates"));
        }
        assertThat(servedPoints).as("simplified: fewer vertices than the source").isLessThan(rawPoints);
    }

    private static long countPositions(JsonNode coordinates) {
        if (coordinates.isArray() && coordinates.size() > 0 && coordinates.get(0).isNumber()) {
            return 1;
        }
        long n = 0;
        for (JsonNode child : coordinates) {
            n += countPositions(child);
        }
        return n;
    }

    @Test
    void stateHasSuppressedCountsAndTheLatestFiftyAlertsNewestFirst() throws Exception {
        String big = cardiffLsoas.get(0);
        String small = cardiffLsoas.get(1);
        String none = cardiffLsoas.get(2);
        LiveState state = server.state();
        state.apply(lsoaCounts(big, hour(10), 12));
        state.apply(lsoaCounts(small, hour(10), 3));
        state.apply(lsoaCounts(none, hour(10), 0));
        for (int i = 0; i < 55; i++) {
            state.apply(firing("fp-state-" + i, big, "Cardiff 001A", hour(10) + i * 60_000L));
        }

        HttpResponse<String> response = get("/api/state");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(response.body());

        assertThat(json.get("suppression_threshold").asInt()).isEqualTo(5);
        assertThat(json.get("class_breaks").get(0).asInt()).isEqualTo(5);
        JsonNode bigNode = findCount(json.get("counts"), big);
        assertThat(bigNode.get("count_24h").asLong()).isEqualTo(12);
        assertThat(bigNode.get("suppressed").asBoolean()).isFalse();
        JsonNode smallNode = findCount(json.get("counts"), small);
        assertThat(smallNode.get("count_24h").isNull()).isTrue();
        assertThat(smallNode.get("suppressed").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain("\"count_24h\":3");
        assertThat(findCount(json.get("counts"), none).get("count_24h").asLong()).isZero();
        JsonNode alerts = json.get("alerts");
        assertThat(alerts.size()).isEqualTo(50);
        assertThat(alerts.get(0).get("fingerprint").asText()).isEqualTo("fp-state-54");
        assertThat(alerts.get(49).get("fingerprint").asText()).isEqualTo("fp-state-5");
        assertThat(alerts.get(0).get("area_name").asText()).isEqualTo("Cardiff 001A");
        assertThat(json.get("as_of").asLong()).isGreaterThanOrEqualTo(hour(10) + 54 * 60_000L);
        assertThat(auditLines()).anySatisfy(line -> assertThat(line.get("route").asText()).isEqualTo("/api/state"));
    }

    @Test
    void eventsStreamBatchedSuppressedCountsAndAlertsLive() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = CLIENT.send(request("/events").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("closed");
            }
        });
        pump.setDaemon(true);
        pump.start();
        waitUntil(() -> server.hub().clientCount() >= 1);

        List<String> burst = allLsoas.subList(500, 600);
        for (String lsoa : burst) {
            server.state().apply(lsoaCounts(lsoa, hour(20), 2));
        }
        server.state().apply(lsoaCounts(cardiffLsoas.get(100), hour(20), 12));
        Alert alert = firing("fp-live", cardiffLsoas.get(100), "Cardiff 100A", hour(20));
        server.state().apply(alert);

        Set<String> seen = new HashSet<>();
        int countsMessages = 0;
        JsonNode alertEvent = null;
        JsonNode twelve = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String event = null;
        while ((seen.size() < burst.size() + 1 || alertEvent == null) && System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && "counts".equals(event)) {
                countsMessages++;
                for (JsonNode c : MAPPER.readTree(line.substring(6))) {
                    seen.add(c.get("area_id").asText());
                    if (c.get("area_id").asText().equals(cardiffLsoas.get(100))) {
                        twelve = c;
                    } else {
                        assertThat(c.get("count_24h").isNull()).as("2 is suppressed").isTrue();
                        assertThat(c.get("suppressed").asBoolean()).isTrue();
                    }
                }
            } else if (line.startsWith("data: ") && "alert".equals(event)) {
                alertEvent = MAPPER.readTree(line.substring(6));
            }
        }
        stream.body().close();

        assertThat(seen).containsAll(burst).contains(cardiffLsoas.get(100));
        assertThat(countsMessages).as("101 changes in one burst arrive in at most two batches").isBetween(1, 2);
        assertThat(twelve).isNotNull();
        assertThat(twelve.get("count_24h").asLong()).isEqualTo(12);
        assertThat(twelve.get("as_of").asLong()).isEqualTo(hour(20));
        assertThat(alertEvent).isNotNull();
        assertThat(alertEvent.get("fingerprint").asText()).isEqualTo("fp-live");
        // A console without a users file shows what a partner sees: the rule's own text is replaced.
        assertThat(alertEvent.get("summary").asText())
                .isEqualTo("weapon-spike in Cardiff 100A (6, weapon-related reports from any agency in the last 24 hours)");
        assertThat(alertEvent.has("annotations")).isFalse();
        assertThat(registry.counter("ember.console.updates.received", "kind", "alert").count()).isPositive();
        assertThat(registry.counter("ember.console.updates.received", "kind", "counts").count()).isGreaterThanOrEqualTo(101);
    }

    @Test
    void aClosedPageFreesItsStreamAndThread(@TempDir Path own) throws Exception {
        PrometheusMeterRegistry ownRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ConsoleConfig config = new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(),
                TestData.coverage(), 5, own.resolve("audit.jsonl"), ownRegistry);
        try (ConsoleServer quick = ConsoleServer.start(config, Duration.ofMillis(200))) {
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", quick.url().getPort());
                OutputStream out = socket.getOutputStream();
                out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                sockets.add(socket);
            }
            waitUntil(() -> quick.hub().clientCount() == 3);
            assertThat(ownRegistry.get("ember.console.sse.clients").gauge().value()).isEqualTo(3);
            assertThat(quick.hub().busyWriterThreads()).isEqualTo(3);

            for (Socket socket : sockets) {
                socket.close();
            }

            waitUntil(() -> quick.hub().clientCount() == 0 && quick.hub().busyWriterThreads() == 0);
            assertThat(ownRegistry.get("ember.console.sse.clients").gauge().value()).isZero();
            assertThat(get(quick.url(), "/healthz").statusCode()).as("still serving").isEqualTo(200);
        }
        assertThat(ownRegistry.find("ember.console.sse.clients").gauge()).as("meters removed at close").isNull();
    }

    @Test
    void exportIsTheMapAsCsvWithSuppressedValuesAndIsAudited() throws Exception {
        String twelve = cardiffLsoas.get(150);
        String three = cardiffLsoas.get(151);
        server.state().apply(lsoaCounts(twelve, hour(30), 12));
        server.state().apply(lsoaCounts(three, hour(30), 3));

        HttpResponse<String> csv = get("/api/export.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment", ".csv"));
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("lsoa,name,lad,lad_name,count_24h,as_of");
        assertThat(rows).hasSize(catalogue.lsoas().size() + 1);
        String twelveRow = rows.stream().filter(r -> r.startsWith(twelve + ",")).findFirst().orElseThrow();
        assertThat(twelveRow).endsWith(",Cardiff,12,2026-03-01T06:00:00Z");
        String threeRow = rows.stream().filter(r -> r.startsWith(three + ",")).findFirst().orElseThrow();
        assertThat(threeRow).contains(",<5,").doesNotContain(",3,");
        assertThat(rows.indexOf(twelveRow)).as("highest counts first").isLessThan(rows.indexOf(threeRow));
        assertThat(auditLines()).anySatisfy(line -> assertThat(line.get("route").asText()).isEqualTo("/api/export.csv"));
    }

    @Test
    void metricsShowTheConsoleAndTheJobsMetersFromTheSharedRegistry() throws Exception {
        get("/");
        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ember_console_page_views_total", "ember_console_sse_clients",
                "ember_console_updates_received_total", "ember_job_records_in_total 42.0");
    }

    @Test
    void aTakenPortFailsClearlyAndLeavesNothingBehind(@TempDir Path own) {
        PrometheusMeterRegistry ownRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        int taken = server.url().getPort();
        ConsoleConfig config = new ConsoleConfig(ConsoleConfig.LOOPBACK, taken, null, TestData.dataDir(),
                TestData.coverage(), 5, own.resolve("audit.jsonl"), ownRegistry);

        assertThatThrownBy(() -> ConsoleServer.start(config)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + taken);
        assertThat(ownRegistry.getMeters()).isEmpty();
    }

    @Test
    void healthzSaysOkAndOnlyGetIsAllowed() throws Exception {
        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("healthy").asBoolean()).isTrue();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        HttpResponse<String> post = CLIENT.send(request("/api/state").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    // ---- helpers ----

    private static HttpRequest.Builder request(String path) {
        return request(server.url(), path);
    }

    private static HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("User-Agent", USER_AGENT).timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(server.url(), path);
    }

    private static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return CLIENT.send(request(base, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String path, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path);
        if (gzip) {
            builder.header("Accept-Encoding", "gzip, deflate");
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<JsonNode> auditLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(temp.resolve("audit/console-audit.jsonl"))) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    private static JsonNode find(JsonNode features, String code) {
        for (JsonNode feature : features) {
            if (feature.get("properties").get("code").asText().equals(code)) {
                return feature;
            }
        }
        throw new AssertionError("no feature " + code);
    }

    private static JsonNode findCount(JsonNode counts, String areaId) {
        for (JsonNode c : counts) {
            if (c.get("area_id").asText().equals(areaId)) {
                return c;
            }
        }
        throw new AssertionError("no counts for " + areaId);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
