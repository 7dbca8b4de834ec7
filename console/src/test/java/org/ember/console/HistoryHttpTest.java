package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.ember.geo.area.Coverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time slider's data: the map at any hour of the last 28 days, and what is usual then. */
class HistoryHttpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final long WEEK = 7 * 24;

    @Test
    void theStateAtAnHourIsWhatWasPublishedByThenWithTheUsualCount(@TempDir Path dir) throws Exception {
        ConsoleConfig config = new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(), TestData.coverage(),
                5, dir.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        String area = TestData.CARDIFF_036A;
        try (ConsoleServer server = ConsoleServer.start(config)) {
            // Three weeks of Saturday nights at 9, 6 and 12, then tonight 3 at 01:00, 20 at 05:00, 7 at 10:00.
            server.state().apply(lsoaCounts(area, hour((int) (5 - 3 * WEEK)), 9));
            server.state().apply(lsoaCounts(area, hour((int) (5 - 2 * WEEK)), 6));
            server.state().apply(lsoaCounts(area, hour((int) (5 - WEEK)), 12));
            server.state().apply(lsoaCounts(area, hour(1), 3));
            server.state().apply(lsoaCounts(area, hour(5), 20));
            server.state().apply(lsoaCounts(area, hour(10), 7));

            JsonNode at6 = state(server, hour(6));
            assertThat(count(at6, area).get("count_24h").asLong()).isEqualTo(20);
            assertThat(at6.get("usual_24h").get(area).asDouble())
                    .as("mean of the same hour 1, 2 and 3 weeks before (the 4th is beyond the 28 days kept)")
                    .isEqualTo((12 + 6 + 9) / 3.0);
            JsonNode at2 = state(server, hour(2));
            assertThat(count(at2, area).get("suppressed").asBoolean()).as("3 is suppressed in the past too").isTrue();
            assertThat(count(at2, area).get("count_24h").isNull()).isTrue();
            assertThat(state(server, hour(11)).toString()).contains("\"count_24h\":7");
            assertThat(server.state().counts(area).orElseThrow().count24h()).as("the live state is untouched").isEqualTo(7);
        }
    }

    private static JsonNode state(ConsoleServer server, long at) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.localUrl().resolve("/api/state?at=" + at)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private static JsonNode count(JsonNode state, String area) {
        for (JsonNode c : state.get("counts")) {
            if (c.get("area_id").asText().equals(area)) {
                return c;
            }
        }
        throw new AssertionError("no " + area + " in " + state);
    }
}
