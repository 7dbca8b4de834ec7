package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ember.console.health.HealthReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doors of the console's HTTP server: slow clients, foreign hosts and origins, large and late bodies. */
class HttpLimitsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConsoleConfig config(Path dir) {
        return new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(), TestData.coverage(), 5,
                dir.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void fiftySlowBodiesDoNotKeepHealthzWaiting(@TempDir Path dir) throws Exception {
        try (ConsoleServer server = ConsoleServer.start(config(dir))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = new Socket("127.0.0.1", server.localUrl().getPort());
                    OutputStream out = socket.getOutputStream();
                    // Headers promise 10 000 bytes; one arrives. The server must not give each a thread.
                    out.write(("POST /api/silences HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                Thread.sleep(200); // let every one of them reach the server and start its body
                // More slow bodies than request threads, each held until the body deadline. Had each taken
                // a thread, /healthz would queue behind them until that deadline, longer than its timeout.
                assertThat(slow.size()).isGreaterThan(HttpFront.MAX_THREADS);
                Duration healthTimeout = HttpFront.BODY_DEADLINE.dividedBy(2);
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(server.localUrl().resolve("/healthz"))
                            .timeout(healthTimeout).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).as("/healthz with 50 slow bodies open").isEqualTo(200);
                }
                for (Socket socket : slow) {
                    assertThat(socket.isClosed()).isFalse();
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsRefusedWith408() throws Exception {
        try (HttpFront front = new HttpFront("127.0.0.1", 0, null, Duration.ofMillis(500))) {
            front.route("/", exchange -> HttpReplies.text(exchange, 200, "read " + exchange.body().length));
            front.startServing();
            try (Socket socket = new Socket("127.0.0.1", front.address().getPort())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
            }
            URI base = URI.create("http://127.0.0.1:" + front.address().getPort() + "/");
            HttpResponse<String> whole = CLIENT.send(HttpRequest.newBuilder(base.resolve("/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("12345")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(whole.body()).isEqualTo("read 5");
        }
    }

    @Test
    void aLargeBodyIsAnsweredWith413NotAConnectionReset() throws Exception {
        try (HttpFront front = new HttpFront("127.0.0.1", 0, null, Duration.ofSeconds(5))) {
            front.route("/", exchange -> HttpReplies.text(exchange, 200, "read " + exchange.body().length));
            front.startServing();
            URI base = URI.create("http://127.0.0.1:" + front.address().getPort() + "/");
            // The server used to close as soon as it saw the length, with the body unread; the kernel then
            // reset the connection, and a client still sending saw the reset and not the 413. Repeated
            // because that happened only when the close overtook the client's writes.
            for (int attempt = 0; attempt < 20; attempt++) {
                HttpResponse<String> large = CLIENT.send(HttpRequest.newBuilder(base.resolve("/x"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(HttpReplies.MAX_BODY + 1 + attempt * 4096))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(large.statusCode()).isEqualTo(413);
            }
            // The whole of a large body written before reading: the answer must still be there to read.
            try (Socket socket = new Socket("127.0.0.1", front.address().getPort())) {
                socket.setSoTimeout(5_000);
                int size = 512 * 1024;
                OutputStream out = socket.getOutputStream();
                out.write(("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[size]);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
            }
            // Sent in chunks, with no length declared up front: refused the same way.
            HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(base.resolve("/x"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(new byte[HttpReplies.MAX_BODY * 3]))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            HttpResponse<String> after = CLIENT.send(HttpRequest.newBuilder(base.resolve("/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("ok")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(after.body()).isEqualTo("read 2");
        }
    }

    @Test
    void onlyTheConsolesOwnNamesAndOriginsAreServed(@TempDir Path dir) throws Exception {
        URI publicUrl = URI.create("https://ember.vru.example/");
        try (ConsoleServer server = ConsoleServer.start(config(dir).withPublicUrl(publicUrl))) {
            int port = server.localUrl().getPort();
            assertThat(server.url()).isEqualTo(publicUrl);
            assertThat(rawStatus(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")).isEqualTo(200);
            assertThat(rawStatus(port, "GET /healthz HTTP/1.1\r\nHost: ember.vru.example\r\n\r\n")).isEqualTo(200);
            assertThat(rawStatus(port, "GET /healthz HTTP/1.1\r\nHost: attacker.example\r\n\r\n"))
                    .as("a name the console is not known by (DNS rebinding)").isEqualTo(421);
            assertThat(rawStatus(port, "GET /cap/feed HTTP/1.1\r\nHost: evil.example\r\n\r\n")).isEqualTo(421);
            String silence = "{\"matchers\":[\"alertname=\\\"x\\\"\"],\"duration\":\"1h\"}";
            assertThat(rawStatus(port, "POST /api/silences HTTP/1.1\r\nHost: ember.vru.example\r\nOrigin: https://evil.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + silence.length() + "\r\n\r\n" + silence))
                    .as("another site's page posting").isEqualTo(403);
            assertThat(rawStatus(port, "POST /api/silences HTTP/1.1\r\nHost: ember.vru.example\r\nOrigin: null\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + silence.length() + "\r\n\r\n" + silence))
                    .isEqualTo(403);
            // The CAP feed's links name the public URL whatever Host the request carried.
            HttpResponse<String> feed = CLIENT.send(HttpRequest.newBuilder(server.localUrl().resolve("/cap/feed")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(feed.body()).contains("https://ember.vru.example/").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void healthAndReadinessComeFromTheHealthSource(@TempDir Path dir) throws Exception {
        HealthReport[] now = {new HealthReport(true, false, java.util.Map.of("feeds", "police behind"))};
        try (ConsoleServer server = ConsoleServer.start(config(dir).withHealth(() -> now[0]))) {
            assertThat(status(server, "/healthz")).isEqualTo(200);
            assertThat(status(server, "/readyz")).isEqualTo(503);
            now[0] = new HealthReport(false, false, java.util.Map.of("job", "FAILED"));
            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(server.localUrl().resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"job\":\"FAILED\"");
        }
    }

    private static int status(ConsoleServer server, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(server.localUrl().resolve(path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int rawStatus(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(line.split(" ")[1]);
        }
    }
}
