package org.ember.console;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Reads an event stream as a browser would, keeping every event, until closed. */
final class SseRecorder implements AutoCloseable {
    /** One event: its name, data and id (null when it carried none). */
    record Event(String name, String data, String id) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile InputStream body;
    private volatile int status;

    SseRecorder(URI url, String cookie, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        thread = new Thread(() -> read(request.build()), "sse-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String name = null;
            StringBuilder data = new StringBuilder();
            String id = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name == null ? "message" : name, data.toString(), id));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                }
            }
        } catch (Exception e) {
            // closed by the test, or the server went away: what was read is kept
        }
    }

    int status() {
        return status;
    }

    /** The id of the last event that carried one, as a browser's Last-Event-ID. */
    String lastEventId() {
        String last = null;
        for (Event event : events) {
            if (event.id() != null) {
                last = event.id();
            }
        }
        return last;
    }

    void await(Predicate<List<Event>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stream condition not met within 30 s; got " + events.size() + " events");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        InputStream stream = body;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
        thread.join(5_000);
    }
}
