package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.CARDIFF_036A;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.ember.model.Alert;
import org.ember.model.privacy.SmallCountSuppression;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledgements, silences and the CAP feed over real HTTP, with the real boundaries. */
class OperatorActionsHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SCHEMAS = TestData.dataDir().toAbsolutePath().normalize().getParent().resolve("schemas");

    @TempDir
    static Path temp;

    private static ConsoleServer server;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(),
                TestData.coverage(), SmallCountSuppression.DEFAULT_THRESHOLD, temp.resolve("audit.jsonl"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.url().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ControlMessage> written() {
        return ((ControlWriter.InMemory) server.controls()).written();
    }

    @Test
    void anAcknowledgementOfAnAlertNobodyRaisedIsRefused() throws Exception {
        int before = written().size();
        HttpResponse<String> response = post("/api/alerts/made0up0/ack", "application/json", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(written()).hasSize(before);
    }

    @Test
    void anAcknowledgementIsWrittenForTheJobAndAudited() throws Exception {
        server.state().apply(firing("3f2a9c1d", CARDIFF_036A, "Cardiff 036A", hour(22)));
        HttpResponse<String> response = post("/api/alerts/3f2a9c1d/ack", "application/json",
                "{\"by\": \"Megan Hughes\", \"expires_in\": \"2h\", \"comment\": \"on my way\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"fingerprint\":\"3f2a9c1d\"").contains("\"acknowledged_by\":\"Megan Hughes\"");
        ControlMessage message = written().stream().filter(m -> m.ack() != null
                && m.ack().fingerprint().equals("3f2a9c1d")).findFirst().orElseThrow();
        assertThat(message.ack().expiresAt() - message.ack().at()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(message.ack().comment()).isEqualTo("on my way");
        assertThat(Files.readString(temp.resolve("audit.jsonl")))
                .contains("\"route\":\"POST /api/alerts/{fingerprint}/ack\"")
                .contains("\"fingerprint\":\"3f2a9c1d\"").contains("\"acknowledged_by\":\"Megan Hughes\"");
    }

    @Test
    void stateChangingRequestsMustBeJsonAndPosts() throws Exception {
        int before = written().size();
        assertThat(post("/api/alerts/abc/ack", "application/x-www-form-urlencoded", "by=x").statusCode()).isEqualTo(415);
        assertThat(get(server.url().resolve("/api/alerts/abc/ack").toString()).statusCode()).isEqualTo(405);
        server.state().apply(firing("abc", CARDIFF_036A, "Cardiff 036A", hour(21)));
        assertThat(post("/api/alerts/abc/ack", "application/json", "{\"expires_in\": \"soon\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/alerts/abc/ack", "application/json", "{\"expires_in\": \"100000000d\"}").statusCode())
                .as("an acknowledgement lasts at most a week").isEqualTo(400);
        assertThat(written()).hasSize(before);
    }

    @Test
    void theAcknowledgePageThatEmailsLinkToPostsTheAcknowledgement() throws Exception {
        HttpResponse<String> page = get(server.url().resolve("/alerts/3f2a9c1d/ack").toString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<button id=\"ack\">Acknowledge</button>")
                .contains("fetch('/api/alerts/3f2a9c1d/ack'");
    }

    @Test
    void aSilenceAlwaysHasAnEndAndIsWrittenWithItsAuthor() throws Exception {
        HttpResponse<String> created = post("/api/silences", "application/json",
                "{\"matchers\": [\"lad=\\\"W06000011\\\"\"], \"duration\": \"2h\", \"created_by\": \"Siân Morgan\","
                        + " \"comment\": \"beachfront event, spoke on site\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"created_by\":\"Siân Morgan\"").contains("\"ends_at\":");
        assertThat(written()).anySatisfy(m -> assertThat(m.silence()).isNotNull());

        HttpResponse<String> open = post("/api/silences", "application/json",
                "{\"matchers\": [\"lad=\\\"W06000011\\\"\"], \"created_by\": \"x\", \"comment\": \"y\"}");
        assertThat(open.statusCode()).isEqualTo(400);
        assertThat(open.body()).contains("always expires");
    }

    @Test
    void theCapFeedLinksToEachMessageAndEachValidatesAgainstTheOasisSchema() throws Exception {
        Alert alert = firing("a1b2c3d4e5f6", CARDIFF_036A, "Cardiff 036A", hour(23));
        server.state().apply(alert);
        HttpResponse<String> feed = get(server.url().resolve("/cap/feed").toString());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        Matcher link = Pattern.compile("<link rel=\"alternate\" href=\"([^\"]+)\" type=\"application/cap\\+xml\"")
                .matcher(feed.body());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).endsWith("/cap/alerts/ember-a1b2c3d4e5f6-" + alert.eventTime());

        HttpResponse<String> message = get(link.group(1));
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.headers().firstValue("Content-Type").orElse("")).startsWith("application/cap+xml");
        assertThat(message.body()).contains("<scope>Restricted</scope>").contains("<polygon>")
                .containsPattern("<sent>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00</sent>");
        for (String schema : List.of("cap12.xsd", "cap12_extended.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMAS.resolve(schema).toFile())
                    .newValidator().validate(new StreamSource(new StringReader(message.body())));
        }
        assertThat(get(server.url().resolve("/cap/alerts/nope").toString()).statusCode()).isEqualTo(404);
    }
}
