package org.ember.console;


import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;

/**
 * Server-Sent Events to every open page. Changes are collected as they are applied and sent at
 * most once per batch interval: a replay from the start of the topics applies thousands of counts
 * in a second, and one message per change would flood the browsers.
 *
 * <p>Each client has its own bounded queue and writer thread, so a slow or stalled screen never
 * holds up the others; a client whose queue overflows is dropped (its browser reconnects and
 * reloads the state). A closed tab is noticed at the next write, at the latest at the next
 * keep-alive, and its thread ends then.
 */
final class SseHub implements LiveState.Listener, AutoCloseable {
    static final Duration BATCH_INTERVAL = Duration.ofMillis(250);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Far more than the screens of one VRU; beyond it a request gets 503 rather than a thread. */
    static final int MAX_CLIENTS = 32;
    private static final int CLIENT_QUEUE = 256;
    private static final String CLOSE = "";
    private static final System.Logger LOG = System.getLogger(SseHub.class.getName());

    private final PublicViews views;
    private final Duration keepAlive;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor writers;
    private final Object pendingLock = new Object();
    private Map<String, AreaCountsView> pendingCounts = new LinkedHashMap<>();
    private List<Alert> pendingAlerts = new ArrayList<>();
    private final Gauge clientsGauge;
    private volatile boolean closed;

    SseHub(PublicViews views, MeterRegistry registry, Duration keepAlive) {
        this.views = views;
        this.keepAlive = keepAlive;
        this.clientsGauge = Gauge.builder("ember.console.sse.clients", clientCount, AtomicInteger::get)
                .description("Browsers connected to the live event stream")
                .register(registry);
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ember-console-sse-batch"));
        this.writers = new ThreadPoolExecutor(0, MAX_CLIENTS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("ember-console-sse-client"));
        long period = BATCH_INTERVAL.toMillis();
        ticker.scheduleAtFixedRate(this::flushSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void countsChanged(AreaCountsView counts) {
        synchronized (pendingLock) {
            pendingCounts.remove(counts.areaId()); // re-insert: the batch keeps the order of the latest changes
            pendingCounts.put(counts.areaId(), counts);
        }
    }

    @Override
    public void alertAdded(Alert alert) {
        synchronized (pendingLock) {
            pendingAlerts.add(alert);
        }
    }

    /** Meters the hub registered, for the server to remove when it stops. */
    List<Meter> meters() {
        return List.of(clientsGauge);
    }

    int clientCount() {
        return clientCount.get();
    }

    /** Takes over the exchange: headers now, events until the client goes away or the hub closes. */
    void accept(Exchange exchange) throws IOException {
        if (closed || clientCount.get() >= MAX_CLIENTS) {
            exchange.setResponseHeader("Retry-After", "10");
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        exchange.setResponseHeader("Content-Type", "text/event-stream; charset=utf-8");
        exchange.setResponseHeader("Cache-Control", "no-cache");
        exchange.setResponseHeader("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        exchange.hold();
        Client client = new Client(exchange);
        clients.add(client);
        clientCount.incrementAndGet();
        // The browser retries after 3 s when the stream breaks; the comment makes it see "open" at once.
        client.offer("retry: 3000\n: connected\n\n");
        try {
            writers.execute(client::run);
        } catch (RejectedExecutionException e) {
            clients.remove(client);
            clientCount.decrementAndGet();
            exchange.close();
        }
    }

    /** Writer threads busy with a client right now; idle pool threads wait 30 s, then end. */
    int busyWriterThreads() {
        return writers.getActiveCount();
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot send live updates", e);
        }
    }

    /** Sends what changed since the last call: one counts event for all areas, one event per alert. */
    void flush() {
        Map<String, AreaCountsView> counts;
        List<Alert> alerts;
        synchronized (pendingLock) {
            if (pendingCounts.isEmpty() && pendingAlerts.isEmpty()) {
                return;
            }
            counts = pendingCounts;
            alerts = pendingAlerts;
            pendingCounts = new LinkedHashMap<>();
            pendingAlerts = new ArrayList<>();
        }
        StringBuilder message = new StringBuilder();
        if (!counts.isEmpty()) {
            message.append(event("counts", views.countsEvent(counts.values())));
        }
        for (Alert alert : alerts) {
            message.append(event("alert", views.alertEvent(alert)));
        }
        String text = message.toString();
        for (Client client : clients) {
            client.offer(text);
        }
    }

    private static String event(String name, String json) {
        // JSON from Jackson has no raw newlines, so one data line carries it.
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        for (Client client : clients) {
            client.stop();
        }
        writers.shutdownNow();
        try {
            writers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One open page. */
    private final class Client {
        private final Exchange exchange;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);

        Client(Exchange exchange) {
            this.exchange = exchange;
        }

        void offer(String message) {
            if (!queue.offer(message)) {
                LOG.log(System.Logger.Level.WARNING, "dropping a live client that does not keep up: {0}",
                        exchange.remoteAddress());
                stop();
            }
        }

        void stop() {
            queue.clear();
            queue.offer(CLOSE);
        }

        void run() {
            try (OutputStream out = exchange.getResponseBody()) {
                while (!closed) {
                    String message = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                    if (message == null) {
                        message = ": keep-alive\n\n";
                    } else if (message.equals(CLOSE)) {
                        break;
                    }
                    out.write(message.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "live client went away: {0}", exchange.remoteAddress());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.remove(this);
                clientCount.decrementAndGet();
                exchange.close();
            }
        }
    }
}
