package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.Coverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot, then deltas: a stream that breaks and comes back with Last-Event-ID misses nothing and repeats nothing. */
class SseReconnectTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aReconnectWithLastEventIdGetsExactlyWhatItMissed(@TempDir Path dir) throws Exception {
        ConsoleConfig config = new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(), TestData.coverage(),
                5, dir.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        List<String> lsoas = AreaCatalogue.load(TestData.dataDir(), TestData.coverage()).lsoas().keySet().stream()
                .sorted().limit(300).toList();
        try (ConsoleServer server = ConsoleServer.start(config)) {
            server.state().apply(lsoaCounts(lsoas.get(0), hour(1), 7));
            Map<String, Long> seen = new HashMap<>();
            String lastId;
            try (SseRecorder first = new SseRecorder(server.localUrl().resolve("/events"), null, null)) {
                first.await(events -> events.stream().anyMatch(e -> e.name().equals("snapshot")));
                assertThat(first.events.get(0).name()).as("a new stream starts with the whole state").isEqualTo("snapshot");
                assertThat(first.events.get(0).data()).contains(lsoas.get(0));
                for (int i = 1; i <= 100; i++) {
                    server.state().apply(lsoaCounts(lsoas.get(i), hour(2), 10 + i));
                }
                first.await(events -> countsIn(events).containsKey(lsoas.get(100)));
                seen.putAll(countsIn(first.events));
                lastId = first.lastEventId();
            }
            // While the browser is away, 200 more changes in many batches.
            for (int i = 101; i <= 200; i++) {
                server.state().apply(lsoaCounts(lsoas.get(i), hour(3), 10 + i));
                if (i % 20 == 0) {
                    Thread.sleep(300); // several batches, so the replay spans more than one
                }
            }
            for (int i = 201; i <= 299; i++) {
                server.state().apply(lsoaCounts(lsoas.get(i), hour(3), 10 + i));
            }
            try (SseRecorder second = new SseRecorder(server.localUrl().resolve("/events"), null, lastId)) {
                second.await(events -> countsIn(events).containsKey(lsoas.get(299)));
                assertThat(second.events).as("a reconnect replays the missed batches, no snapshot")
                        .noneMatch(e -> e.name().equals("snapshot"));
                Map<String, Long> replayed = countsIn(second.events);
                assertThat(replayed.keySet()).as("nothing sent before the break is sent again")
                        .doesNotContainAnyElementsOf(seen.keySet().stream().filter(k -> !k.equals(lsoas.get(0))).toList());
                seen.putAll(replayed);
            }
            for (int i = 1; i <= 299; i++) {
                assertThat(seen.get(lsoas.get(i))).as("update " + i).isEqualTo(10L + i);
            }
            // An id the server no longer knows (or never gave) gets a fresh snapshot instead.
            try (SseRecorder stale = new SseRecorder(server.localUrl().resolve("/events"), null, "999999")) {
                stale.await(events -> !events.isEmpty());
                assertThat(stale.events.get(0).name()).isEqualTo("snapshot");
            }
        }
    }

    private static Map<String, Long> countsIn(List<SseRecorder.Event> events) {
        Map<String, Long> counts = new HashMap<>();
        for (SseRecorder.Event event : events) {
            if (!event.name().equals("counts")) {
                continue;
            }
            try {
                for (JsonNode c : MAPPER.readTree(event.data())) {
                    counts.put(c.get("area_id").asText(), c.get("count_24h").asLong());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return counts;
    }
}
