package org.ember.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** The local cluster's REST endpoint listens on loopback only; the dashboard offers no cancel or submit. */
class LocalClusterConfigTest {

    @Test
    void restIsOnLoopbackAndTheDashboardCannotCancel() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Configuration config = LocalClusterConfig.closed(new Configuration());
        config.set(RestOptions.BIND_PORT, Integer.toString(port));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        env.fromSequence(0, Long.MAX_VALUE).uid("numbers").name("numbers")
                .sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        JobClient client = env.executeAsync("rest-probe");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> overview = awaitRest(http, base.resolve("/jobs/overview"));
            assertThat(overview.body()).contains(client.getJobID().toString());
            // Every listening socket on that port is bound to 127.0.0.1 (Linux: /proc/net/tcp[6]).
            assertThat(listeners(port)).isNotEmpty().allMatch(a -> a.equals("0100007F"));
            // web.cancel.enable only hides the dashboard's cancel button (Flink 2.2 still registers the REST
            // cancel handler): the loopback binding above is the defence; the flag is checked for the UI.
            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(base.resolve("/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.body().replace(" ", "")).contains("\"web-cancel\":false", "\"web-submit\":false");
        } finally {
            client.cancel().get();
        }
    }

    private static HttpResponse<String> awaitRest(HttpClient http, URI uri) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("RUNNING")) {
                    return r;
                }
            } catch (IOException notYet) {
                // the endpoint is still starting
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("REST endpoint did not answer on " + uri);
            }
            Thread.sleep(200);
        }
    }

    /** Local addresses (hex, as the kernel writes them) of sockets listening on the port. */
    private static List<String> listeners(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> out = new java.util.ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    String address = f[1].substring(0, f[1].indexOf(':'));
                    // An IPv4-mapped IPv6 loopback counts as loopback.
                    out.add(address.equals("0000000000000000FFFF00000100007F") ? "0100007F" : address);
                }
            }
        }
        return out;
    }
}
