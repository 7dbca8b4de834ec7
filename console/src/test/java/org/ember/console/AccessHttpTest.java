package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ember.console.TestData.CARDIFF_036A;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ember.console.auth.Sessions;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, sessions, CSRF and roles over real HTTP: every state-changing endpoint refuses the wrong caller. */
class AccessHttpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SWANSEA_ALERT = "swansea0alert";
    private static final String CARDIFF_ALERT = "cardiff0alert";

    @TempDir
    static Path temp;

    private static ConsoleServer server;

    /** A logged-in person: the cookie and the CSRF token. */
    record Login(String cookie, String csrf) {}

    @BeforeAll
    static void start() throws Exception {
        server = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(),
                TestData.coverage(), 5, temp.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .withUsersFile(TestUsers.write(temp)));
        server.state().apply(firing(CARDIFF_ALERT, CARDIFF_036A, "Cardiff 036A", hour(20)));
        org.ember.model.Alert swansea = firing(SWANSEA_ALERT, "W01000800", "Swansea 001A", hour(20));
        server.state().apply(new org.ember.model.Alert(swansea.fingerprint(), swansea.rule(), swansea.state(), swansea.severity(),
                swansea.layer(), swansea.areaId(), swansea.areaName(), "W06000011", swansea.episodeStart(), swansea.eventTime(),
                swansea.metric(), 2, 1, "2 weapon reports in Swansea 001A", swansea.labels(), swansea.annotations()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every state-changing endpoint, with a body a duty officer of the right spoke could send. */
    private static final Map<String, String> STATE_CHANGING = Map.of(
            "/api/alerts/" + CARDIFF_ALERT + "/ack", "{}",
            "/api/alerts/" + CARDIFF_ALERT + "/comment", "{\"kind\": \"action\", \"text\": \"patrol sent\"}",
            "/api/silences", "{\"matchers\": [\"lad=\\\"W06000015\\\"\"], \"duration\": \"1h\", \"comment\": \"event\"}",
            "/api/logout", "{}");

    @Test
    void withoutASessionEveryStateChangingRequestIsRefusedAndNothingIsWritten() throws Exception {
        int before = written().size();
        for (Map.Entry<String, String> endpoint : STATE_CHANGING.entrySet()) {
            assertThat(post(endpoint.getKey(), endpoint.getValue(), null).statusCode()).as(endpoint.getKey()).isEqualTo(401);
        }
        assertThat(get("/api/state", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/export.csv", null).statusCode()).isEqualTo(401);
        assertThat(get("/events", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).as("the page sends you to log in").isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2F");
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(written()).hasSize(before);
    }

    @Test
    void withoutTheCsrfTokenEveryStateChangingRequestIsRefused() throws Exception {
        Login officer = login(TestUsers.OFFICER);
        int before = written().size();
        for (Map.Entry<String, String> endpoint : STATE_CHANGING.entrySet()) {
            assertThat(post(endpoint.getKey(), endpoint.getValue(), new Login(officer.cookie(), null)).statusCode())
                    .as(endpoint.getKey()).isEqualTo(403);
            assertThat(post(endpoint.getKey(), endpoint.getValue(), new Login(officer.cookie(), "forged")).statusCode())
                    .as(endpoint.getKey()).isEqualTo(403);
        }
        assertThat(written()).hasSize(before);
    }

    @Test
    void theWrongRoleIsRefusedForEveryStateChangingRequest() throws Exception {
        int before = written().size();
        for (String name : List.of(TestUsers.PARTNER, TestUsers.ANALYST, TestUsers.SWANSEA_OFFICER)) {
            Login who = login(name);
            for (String path : List.of("/api/alerts/" + CARDIFF_ALERT + "/ack", "/api/alerts/" + CARDIFF_ALERT + "/comment")) {
                assertThat(post(path, STATE_CHANGING.get(path), who).statusCode()).as(name + " " + path).isEqualTo(403);
            }
        }
        for (String name : List.of(TestUsers.PARTNER, TestUsers.ANALYST)) {
            assertThat(post("/api/silences", STATE_CHANGING.get("/api/silences"), login(name)).statusCode()).as(name).isEqualTo(403);
        }
        assertThat(post("/api/alerts/" + CARDIFF_ALERT + "/ack", "{}", login(TestUsers.ADMIN)).statusCode())
                .as("administrators manage people and silences, not alerts").isEqualTo(403);
        assertThat(written()).hasSize(before);
    }

    @Test
    void theRightOfficerAcknowledgesInTheirOwnNameAndItIsAudited() throws Exception {
        Login officer = login(TestUsers.OFFICER);
        HttpResponse<String> ack = post("/api/alerts/" + CARDIFF_ALERT + "/ack", "{\"by\": \"Somebody Else\"}", officer);
        assertThat(ack.statusCode()).isEqualTo(202);
        assertThat(MAPPER.readTree(ack.body()).get("acknowledged_by").asText()).as("the session's name, not a claimed one")
                .isEqualTo(TestUsers.OFFICER);
        assertThat(written()).anySatisfy(m -> {
            assertThat(m.ack()).isNotNull();
            assertThat(m.ack().by()).isEqualTo(TestUsers.OFFICER);
        });
        assertThat(post("/api/alerts/" + CARDIFF_ALERT + "/comment", "{\"kind\": \"action\", \"text\": \"patrol sent\"}", officer)
                .statusCode()).isEqualTo(201);
        JsonNode entry = MAPPER.readTree(get("/api/alerts/" + CARDIFF_ALERT, officer).body());
        assertThat(entry.get("acknowledged").asBoolean()).isTrue();
        assertThat(entry.get("actions").toString()).contains("patrol sent", "\"by\":\"officer\"");
        assertThat(post("/api/silences", STATE_CHANGING.get("/api/silences"), login(TestUsers.ADMIN)).statusCode()).isEqualTo(201);

        String audit = Files.readString(temp.resolve("audit.jsonl"));
        assertThat(audit).contains("\"user\":\"officer\",\"route\":\"POST /api/alerts/{fingerprint}/ack\"")
                .contains("\"user\":\"admin\",\"route\":\"POST /api/silences\"")
                .contains("\"user\":\"officer\",\"route\":\"GET /api/alerts/{fingerprint}\"");
    }

    @Test
    void hostileSilencesPostedByAnAdministratorAreRefusedAndNothingIsWritten() throws Exception {
        Login admin = login(TestUsers.ADMIN);
        int before = written().size();
        // Catastrophic backtracking under a backtracking engine; RE2J runs it in linear time, and it is refused
        // anyway because it would match alerts of every name.
        HttpResponse<String> backtracking = post("/api/silences",
                "{\"matchers\": [\"alertname=~\\\"(.*){1,32}!\\\"\"], \"duration\": \"1h\", \"comment\": \"x\"}", admin);
        // Matches every alert through a label every alert has: refused by probing the label space, not the text.
        HttpResponse<String> everything = post("/api/silences",
                "{\"matchers\": [\"severity=~\\\".+\\\"\"], \"duration\": \"1h\", \"comment\": \"x\"}", admin);
        assertThat(backtracking.statusCode()).as(backtracking.body()).isIn(400, 201);
        assertThat(everything.statusCode()).as(everything.body()).isEqualTo(400);
        assertThat(everything.body()).containsIgnoringCase("every alert");
        assertThat(written().size() - before).as("only a harmless silence may have been written")
                .isEqualTo(backtracking.statusCode() == 201 ? 1 : 0);
    }

    @Test
    void loginRefusesWrongPasswordsAndTheCookieIsHttpOnlyAndStrict() throws Exception {
        HttpResponse<String> wrong = CLIENT.send(HttpRequest.newBuilder(server.url().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"officer\", \"password\": \"guess\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> right = loginResponse(TestUsers.OFFICER);
        assertThat(right.headers().firstValue("Set-Cookie").orElseThrow())
                .contains(Sessions.COOKIE + "=", "HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");
        assertThat(Files.readString(temp.resolve("audit.jsonl"))).contains("\"outcome\":\"refused\"");
    }

    @Test
    void loggingOutEndsTheSession() throws Exception {
        Login analyst = login(TestUsers.ANALYST);
        assertThat(get("/api/state", analyst).statusCode()).isEqualTo(200);
        assertThat(post("/api/logout", "{}", analyst).statusCode()).isEqualTo(200);
        assertThat(get("/api/state", analyst).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionsExpireWhenIdleAndAfterTheirAbsoluteLimit() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-03-01T00:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        org.ember.console.auth.User user = new org.ember.console.auth.User("x", null,
                org.ember.console.auth.Role.ANALYST, null, null);
        String idle = sessions.open(user).id();
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(sessions.find(idle)).as("idle for 31 min").isEmpty();
        String busy = sessions.open(user).id();
        for (int i = 0; i < 25; i++) {
            now.set(now.get().plus(Duration.ofMinutes(29)));
            if (i < 24) {
                assertThat(sessions.find(busy)).as("used every 29 min, " + (i + 1) * 29 + " min in").isPresent();
            }
        }
        assertThat(sessions.find(busy)).as("past 12 h however busy").isEmpty();
    }

    @Test
    void anOpenConsoleIsRefusedBeyondLoopback(@TempDir Path own) {
        ConsoleConfig open = new ConsoleConfig("0.0.0.0", 0, null, TestData.dataDir(), TestData.coverage(), 5,
                own.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertThatThrownBy(() -> ConsoleServer.start(open)).hasMessageContaining("without a users file");
    }

    @Test
    void aBrokenUsersFileIsReportedWithFileLineAndColumn(@TempDir Path own) throws Exception {
        Path users = Files.writeString(own.resolve("users.yaml"), "users:\n  - name: x\n    role: boss\n    password_hash: abc\n");
        ConsoleConfig config = new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(), TestData.coverage(), 5,
                own.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).withUsersFile(users);
        assertThatThrownBy(() -> ConsoleServer.start(config))
                .hasMessageContaining(users + ":3:")
                .hasMessageContaining("unknown role 'boss'")
                .hasMessageContaining(users + ":4:");
    }

    // ---- helpers ----

    static Login login(String name) throws Exception {
        HttpResponse<String> response = loginResponse(name);
        assertThat(response.statusCode()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Login(cookie, MAPPER.readTree(response.body()).get("csrf_token").asText());
    }

    private static HttpResponse<String> loginResponse(String name) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.url().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"password\": \"" + TestUsers.password(name) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, Login who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (who != null) {
            request.header("Cookie", who.cookie());
            if (who.csrf() != null) {
                request.header("X-CSRF-Token", who.csrf());
            }
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, Login who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10));
        if (who != null) {
            request.header("Cookie", who.cookie());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ControlMessage> written() {
        return ((ControlWriter.InMemory) server.controls()).written();
    }

    static URI url() {
        return server.url();
    }
}
