package org.ember.infra.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The two endpoints a process manager or Prometheus needs from {@code ember job}: {@code /metrics}
 * (Prometheus text) and {@code /healthz} (200 while the job runs, 503 with its state otherwise).
 * Bound to loopback unless told otherwise.
 */
final class OpsEndpoints implements AutoCloseable {
    private final HttpServer server;

    private OpsEndpoints(HttpServer server) {
        this.server = server;
    }

    /**
     * @param jobStatus the job's status, e.g. RUNNING
     */
    static OpsEndpoints start(String host, int port, PrometheusMeterRegistry registry, Supplier<String> jobStatus)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", exchange -> reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/healthz", exchange -> {
            String status = jobStatus.get();
            boolean ok = "RUNNING".equals(status);
            reply(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? "ok" : "unhealthy") + " job=" + status + "\n");
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ops-endpoints");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new OpsEndpoints(server);
    }

    URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
