package org.ember.infra.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A person logged in to a console over HTTP, for tests that read what that person is shown. */
record ConsoleSession(URI console, String cookie) {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static ConsoleSession login(URI console, String name, String password) throws Exception {
        String body = new ObjectMapper().writeValueAsString(java.util.Map.of("name", name, "password", password));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(console.resolve("/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login of %s: %s", name, response.body()).isEqualTo(200);
        return new ConsoleSession(console, response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(console.resolve(path))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Waits until the console has read enough of the topics to show {@code expected} at {@code path}. */
    void awaitContaining(String path, String expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = get(path);
        while (!last.contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            last = get(path);
        }
        assertThat(last).as("%s within %s", path, timeout).contains(expected);
    }
}
