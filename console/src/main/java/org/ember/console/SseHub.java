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
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionUpdate;

/**
 * Server-Sent Events to every open page. Changes are collected as they are applied and sent at
 * most once per batch interval: a replay from the start of the topics applies thousands of counts
 * in a second, and one message per change would flood the browsers.
 *
 * <p>Snapshot, then deltas: each batch is numbered (the SSE {@code id} of its last event) and the
 * latest {@link #REPLAY} batches are kept. A new stream starts with a {@code snapshot} event (the
 * whole state as the viewer may see it, numbered with the batch it includes); a browser that
 * reconnects with {@code Last-Event-ID} gets exactly the batches after it, or a fresh snapshot when
 * they are no longer kept. Restricted viewers (partners) get counts and alerts through the
 * small-count rule, like every other view.
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
    /** Batches kept for reconnecting browsers: at 4 a second, about four minutes. */
    static final int REPLAY = 1_024;
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
    /** One numbered batch of changes. */
    private record Batch(long id, List<AreaCountsView> counts, List<Alert> alerts, List<TensionUpdate> tension,
            List<HotspotUpdate> hotspots) {}
    private Map<String, TensionUpdate> pendingTension = new LinkedHashMap<>();
    private Map<String, HotspotUpdate> pendingHotspots = new LinkedHashMap<>();

    private final Object ringLock = new Object();
    private final java.util.ArrayDeque<Batch> ring = new java.util.ArrayDeque<>();
    private long sequence;
    private final java.util.function.Supplier<LiveState.Snapshot> snapshots;
    private List<Alert> pendingAlerts = new ArrayList<>();
    private final Gauge clientsGauge;
    private volatile boolean closed;

    SseHub(PublicViews views, MeterRegistry registry, Duration keepAlive, java.util.function.Supplier<LiveState.Snapshot> snapshots) {
        this.views = views;
        this.snapshots = snapshots;
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
    public void tensionChanged(TensionUpdate tension) {
        synchronized (pendingLock) {
            pendingTension.remove(tension.key());
            pendingTension.put(tension.key(), tension);
        }
    }

    @Override
    public void hotspotChanged(HotspotUpdate hotspot) {
        String key = hotspot.layer() + ":" + hotspot.areaId();
        synchronized (pendingLock) {
            pendingHotspots.remove(key);
            pendingHotspots.put(key, hotspot);
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
        Client client = new Client(exchange, exchange.restricted());
        clientCount.incrementAndGet();
        // The browser retries after 3 s when the stream breaks; the comment makes it see "open" at once.
        client.offer("retry: 3000\n: connected\n\n");
        Long lastSeen = lastEventId(exchange);
        synchronized (ringLock) {
            // Registered and brought up to date under the ring's lock: no batch can slip in between.
            Batch oldest = ring.peekFirst();
            if (lastSeen != null && lastSeen <= sequence && (lastSeen == sequence || (oldest != null && oldest.id() <= lastSeen + 1))) {
                for (Batch batch : ring) {
                    if (batch.id() > lastSeen) {
                        client.offer(render(batch, client.restricted));
                    }
                }
            } else {
                // The snapshot is taken after the sequence is read, so it holds every numbered batch (and maybe more:
                // a change sent twice is harmless, the page keeps the newer value).
                client.offer("event: snapshot\ndata: " + views.state(snapshots.get(), client.restricted)
                        + "\nid: " + sequence + "\n\n");
            }
            clients.add(client);
        }
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
        Map<String, TensionUpdate> tension;
        Map<String, HotspotUpdate> hotspots;
        synchronized (pendingLock) {
            if (pendingCounts.isEmpty() && pendingAlerts.isEmpty() && pendingTension.isEmpty() && pendingHotspots.isEmpty()) {
                return;
            }
            hotspots = pendingHotspots;
            pendingHotspots = new LinkedHashMap<>();
            counts = pendingCounts;
            alerts = pendingAlerts;
            tension = pendingTension;
            pendingTension = new LinkedHashMap<>();
            pendingCounts = new LinkedHashMap<>();
            pendingAlerts = new ArrayList<>();
        }
        synchronized (ringLock) {
            Batch batch = new Batch(++sequence, List.copyOf(counts.values()), List.copyOf(alerts),
                    List.copyOf(tension.values()), List.copyOf(hotspots.values()));
            ring.addLast(batch);
            while (ring.size() > REPLAY) {
                ring.removeFirst();
            }
            String full = null;
            String restricted = null;
            for (Client client : clients) {
                if (client.restricted) {
                    restricted = restricted != null ? restricted : render(batch, true);
                    client.offer(restricted);
                } else {
                    full = full != null ? full : render(batch, false);
                    client.offer(full);
                }
            }
        }
    }

    /** A batch as events; only the last carries the batch's id, so a break inside the batch replays all of it. */
    private String render(Batch batch, boolean restricted) {
        List<String> events = new ArrayList<>();
        if (!batch.counts().isEmpty()) {
            events.add("event: counts\ndata: " + views.countsEvent(batch.counts(), restricted) + "\n");
        }
        if (!batch.tension().isEmpty()) {
            events.add("event: tension\ndata: " + views.tensionEvent(batch.tension(), restricted) + "\n");
        }
        if (!batch.hotspots().isEmpty()) {
            events.add("event: hotspots\ndata: " + views.hotspotsEvent(batch.hotspots(), restricted) + "\n");
        }
        for (Alert alert : batch.alerts()) {
            events.add("event: alert\ndata: " + views.alertEvent(alert, restricted) + "\n");
        }
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            // JSON from Jackson has no raw newlines, so one data line carries it.
            message.append(events.get(i));
            if (i == events.size() - 1) {
                message.append("id: ").append(batch.id()).append('\n');
            }
            message.append('\n');
        }
        return message.toString();
    }

    /** The id of the last event the browser saw: the Last-Event-ID header, or {@code ?last_event_id=} for tests and tools. */
    private static Long lastEventId(Exchange exchange) {
        String text = exchange.requestHeader("Last-Event-ID");
        if (text == null) {
            text = exchange.query("last_event_id");
        }
        if (text == null || !text.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(text);
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
        private final boolean restricted;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE + REPLAY);

        Client(Exchange exchange, boolean restricted) {
            this.exchange = exchange;
            this.restricted = restricted;
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
