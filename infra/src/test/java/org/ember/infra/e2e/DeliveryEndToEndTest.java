package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.infra.cli.EmberCli;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.jobs.delivery.DeliverySettings;
import org.ember.jobs.delivery.SmtpSettings;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.privacy.SmallCountSuppression;
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.delivery.Backoff;
import org.ember.rules.delivery.DeliveryRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "done when", through the real broker: alerts routed by area to the on-duty officer's
 * e-mail on a real SMTP server (GreenMail), grouped, escalated when nobody acknowledges, acknowledged
 * through the console's endpoint and then quiet; a silence (made with the command line) stopping a
 * matching alert; every notification arriving exactly once across an SMTP outage; and the console's
 * CAP messages valid against the OASIS schema. Delays are seconds, not minutes.
 */
class DeliveryEndToEndTest {
    private static final GeoLocation BRIDGEND_CENTRE = GeoLocation.wgs84(-3.5770, 51.5040);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneId.of("Europe/London"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    private static KafkaBroker broker;
    private static GreenMail mail;
    private static int smtpPort;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        broker.createTopics();
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        mail = startMail();
    }

    @AfterAll
    static void stop() {
        if (mail != null) {
            mail.stop();
        }
        broker.close();
    }

    private static GreenMail startMail() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /**
     * Routes by local authority; the Cardiff rota puts "other.officer" on, but an override around
     * the test's own time puts "duty.officer" on duty: the rota is resolved when notifying.
     */
    private static Path routing() throws Exception {
        Path dir = Files.createDirectories(work.resolve("routing"));
        Files.writeString(dir.resolve("routes.yaml"), """
                route:
                  receiver: hub
                  group_by: [lad]
                  group_wait: 2s
                  group_interval: 3s
                  repeat_interval: 1h
                  routes:
                    - {matchers: ['lad="W06000015"'], receiver: cardiff}
                    - {matchers: ['lad="W06000011"'], receiver: swansea}
                    - {matchers: ['lad="W06000013"'], receiver: bridgend}
                receivers:
                  - {name: hub, escalation: hub}
                  - {name: cardiff, escalation: cardiff}
                  - {name: swansea, escalation: swansea}
                  - {name: bridgend, escalation: bridgend}
                """);
        Instant now = Instant.now();
        Files.writeString(dir.resolve("oncall.yaml"), """
                hub: hub
                people:
                  - {id: duty.officer, name: Duty Officer, email: duty.officer@cardiff.example}
                  - {id: other.officer, name: Other Officer, email: other.officer@cardiff.example}
                  - {id: spoke.lead, name: Spoke Lead, email: spoke.lead@cardiff.example}
                  - {id: hub.officer, name: Hub Officer, email: hub.officer@hub.example}
                  - {id: swansea.officer, name: Swansea Officer, email: officer@swansea.example}
                  - {id: bridgend.officer, name: Bridgend Officer, email: officer@bridgend.example}
                teams:
                  - {id: hub, name: Hub, schedule: hub-duty}
                schedules:
                  - id: cardiff-duty
                    layers:
                      - {start: "2025-01-06T08:00", shift: 12h, members: [other.officer]}
                    overrides:
                      - {person: duty.officer, start: "%s", end: "%s"}
                  - id: hub-duty
                    layers:
                      - {start: "2025-01-06T08:00", shift: 7d, members: [hub.officer]}
                escalation_policies:
                  - id: cardiff
                    steps:
                      - {targets: ["schedule:cardiff-duty"], delay: 6s}
                      - {targets: ["person:spoke.lead"], delay: 12s}
                      - {targets: [hub]}
                  - id: hub
                    steps:
                      - {targets: [hub]}
                  - id: swansea
                    steps:
                      - {targets: ["person:swansea.officer"]}
                  - id: bridgend
                    steps:
                      - {targets: ["person:bridgend.officer"]}
                """.formatted(LOCAL.format(now.minus(Duration.ofHours(1))), LOCAL.format(now.plus(Duration.ofHours(2)))));
        return dir;
    }

    private static JobSettings settings(DeliverySettings delivery) {
        return TestFeeds.settings(TestFeeds.rules("""
                groups:
                  - name: e2e
                    rules:
                      - name: weapon-reports
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        severity: warning
                        annotations:
                          summary: "{{ .value }} weapon reports in {{ .area_name }}"
                      - name: violence-reports
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=violence} >= 2
                        severity: warning
                        annotations:
                          summary: "{{ .value }} violence reports in {{ .area_name }}"
                """)).withDelivery(delivery);
    }

    @Test
    void groupedEscalatedAcknowledgedSilencedAndDeliveredExactlyOnceAcrossAnSmtpOutage() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ConsoleServer console = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0,
                broker.bootstrapServers(), TestFeeds.dataDir(), TestFeeds.coverage(),
                SmallCountSuppression.DEFAULT_THRESHOLD, work.resolve("audit.jsonl"), registry))) {
            DeliverySettings delivery = DeliverySettings.live(routing(),
                    SmtpSettings.plain("127.0.0.1", smtpPort, "ember@vru.example"), work.resolve("ledger"),
                    new AckLinks(console.url().toString()))
                    .withBackoff(new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(2), Duration.ofMinutes(10)));
            EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-delivery-e2e",
                    "ember-delivery-e2e-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofSeconds(1), 1);
            try (RunningJob job = EmberJobRunner.startLocal(settings(delivery), run)) {
                cardiffIsGroupedEscalatedAcknowledgedAndThenQuiet(console);
                swanseaIsSilencedFromTheCommandLine();
                bridgendArrivesExactlyOnceAfterAnSmtpOutage();
                capMessagesValidate(console);
                assertThat(job.status()).isEqualTo("RUNNING");
            }
        }
    }

    private void cardiffIsGroupedEscalatedAcknowledgedAndThenQuiet(ConsoleServer console) throws Exception {
        // Two knife crimes in one Cardiff LSOA: both rules fire there at 23:00, once a later report closes the hour.
        produce(Feed.POLICE, TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE));
        produce(Feed.POLICE, TestFeeds.knifeCrime("CR-2", FRIDAY_22H.plusSeconds(420), CARDIFF_CENTRE));
        produce(Feed.POLICE, TestFeeds.assault("CR-3", FRIDAY_22H.plus(Duration.ofHours(2)), SWANSEA_CENTRE));

        read(Topics.ALERTS, Alert.class, l -> l.size() >= 2);
        Thread.sleep(3_000); // a few more checkpoints: the alerts must still be firing, not resolved
        List<Alert> alerts = read(Topics.ALERTS, Alert.class, l -> true);
        assertThat(alerts).as("the job raised both Cardiff alerts and nothing else: " + alerts.stream()
                .map(a -> a.rule() + " " + a.state() + " " + Instant.ofEpochMilli(a.eventTime())).toList()).hasSize(2)
                .allSatisfy(a -> assertThat(a.lad()).isEqualTo("W06000015"));
        MimeMessage first = awaitMessage("duty.officer@cardiff.example", 1, Duration.ofSeconds(30)).get(0);
        String firstBody = first.getContent().toString();
        assertThat(firstBody).as("both related alerts in one message").contains("FIRING (2)")
                .contains("weapon-reports").contains("violence-reports");
        assertThat(messagesTo("other.officer@cardiff.example")).as("the rota's override is resolved when notifying").isEmpty();

        MimeMessage escalation = awaitMessage("spoke.lead@cardiff.example", 1, Duration.ofSeconds(30)).get(0);
        assertThat(escalation.getSubject()).contains("ESCALATED");
        Matcher link = Pattern.compile("Acknowledge: (http://\\S+/alerts/([0-9a-f]+)/ack)")
                .matcher(escalation.getContent().toString());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).startsWith(console.url().toString());

        HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(console.url().resolve("/api/alerts/" + link.group(2) + "/ack"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"Spoke Lead\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(202);
        assertThat(Files.readString(work.resolve("audit.jsonl"))).contains("\"fingerprint\":\"" + link.group(2) + "\"");

        // The hub step was due 12 s after the escalation: wait past it. Nothing more may come.
        Thread.sleep(16_000);
        assertThat(messagesTo("hub.officer@hub.example")).isEmpty();
        assertThat(messagesTo("duty.officer@cardiff.example")).hasSize(1);
        assertThat(messagesTo("spoke.lead@cardiff.example")).hasSize(1);
        List<DeliveryRecord> sent = deliveries(l -> l.stream().filter(r -> r.outcome().equals(DeliveryRecord.SENT)).count() >= 2);
        assertThat(sent).filteredOn(r -> r.outcome().equals(DeliveryRecord.SENT)).extracting(DeliveryRecord::recipient)
                .containsExactlyInAnyOrder("duty.officer@cardiff.example", "spoke.lead@cardiff.example");
    }

    private void swanseaIsSilencedFromTheCommandLine() throws Exception {
        String added = cli("silence", "add", "--match", "lad=\"W06000011\"", "--for", "30m", "--by", "Hub Officer",
                "--comment", "beachfront event, spoke on site", "--bootstrap-servers", broker.bootstrapServers());
        String id = added.split(" ")[1];
        assertThat(cli("silence", "list", "--bootstrap-servers", broker.bootstrapServers())).contains(id).contains("active");

        produce(Feed.POLICE, TestFeeds.knifeCrime("SW-1", FRIDAY_22H.plus(Duration.ofHours(3)), SWANSEA_CENTRE));
        produce(Feed.POLICE, TestFeeds.knifeCrime("SW-2", FRIDAY_22H.plus(Duration.ofHours(3)).plusSeconds(60), SWANSEA_CENTRE));
        produce(Feed.POLICE, TestFeeds.assault("CR-4", FRIDAY_22H.plus(Duration.ofHours(5)), CARDIFF_CENTRE));

        List<DeliveryRecord> records = deliveries(l -> l.stream().filter(r -> r.outcome().equals(DeliveryRecord.SILENCED)).count() >= 2);
        assertThat(records).filteredOn(r -> r.outcome().equals(DeliveryRecord.SILENCED))
                .hasSize(2).allSatisfy(r -> assertThat(r.detail()).isEqualTo("silence:" + id));
        Thread.sleep(4_000); // past the group wait
        assertThat(messagesTo("officer@swansea.example")).isEmpty();
    }

    private void bridgendArrivesExactlyOnceAfterAnSmtpOutage() throws Exception {
        mail.stop();
        produce(Feed.POLICE, TestFeeds.knifeCrime("BR-1", FRIDAY_22H.plus(Duration.ofHours(6)), BRIDGEND_CENTRE));
        produce(Feed.POLICE, TestFeeds.knifeCrime("BR-2", FRIDAY_22H.plus(Duration.ofHours(6)).plusSeconds(60), BRIDGEND_CENTRE));
        produce(Feed.POLICE, TestFeeds.assault("CR-5", FRIDAY_22H.plus(Duration.ofHours(8)), CARDIFF_CENTRE));

        List<DeliveryRecord> failures = deliveries(l -> l.stream().filter(r -> r.outcome().equals(DeliveryRecord.FAILED)
                && r.recipient().equals("officer@bridgend.example")).count() >= 3);
        assertThat(failures).filteredOn(r -> r.recipient().equals("officer@bridgend.example"))
                .extracting(DeliveryRecord::outcome).doesNotContain(DeliveryRecord.SENT);

        mail = startMail();
        List<MimeMessage> bridgend = awaitMessage("officer@bridgend.example", 1, Duration.ofSeconds(30));
        Thread.sleep(6_000); // more retry rounds and checkpoints: nothing may arrive twice
        bridgend = messagesTo("officer@bridgend.example");
        assertThat(bridgend).hasSize(1);
        assertThat(bridgend.get(0).getContent().toString()).contains("FIRING (2)");
        assertThat(mail.getReceivedMessages()).as("nothing sent before the outage is sent again").hasSize(1);
        List<DeliveryRecord> records = deliveries(l -> l.stream().anyMatch(r -> r.outcome().equals(DeliveryRecord.SENT)
                && r.recipient().equals("officer@bridgend.example")));
        assertThat(records).filteredOn(r -> r.outcome().equals(DeliveryRecord.SENT)
                && r.recipient().equals("officer@bridgend.example")).hasSize(1);
    }

    private void capMessagesValidate(ConsoleServer console) throws Exception {
        String feed = await(() -> get(console.url().resolve("/cap/feed")), body -> count(body, "<entry>") >= 6,
                Duration.ofSeconds(30));
        Matcher links = Pattern.compile("href=\"([^\"]+/cap/alerts/[^\"]+)\"").matcher(feed);
        int validated = 0;
        while (links.find()) {
            String xml = get(URI.create(links.group(1)));
            for (String schema : List.of("cap12.xsd", "cap12_extended.xsd")) {
                SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                        .newSchema(TestFeeds.dataDir().toAbsolutePath().normalize().getParent().resolve("schemas/" + schema)
                                .toFile())
                        .newValidator().validate(new StreamSource(new StringReader(xml)));
            }
            assertThat(xml).contains("<scope>Restricted</scope>").contains("<msgType>Alert</msgType>");
            validated++;
        }
        assertThat(validated).as("two alerts each in Cardiff, Swansea and Bridgend").isEqualTo(6);
    }

    // ---- helpers ----

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.function.Supplier<T> value, Predicate<T> done, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = value.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = value.get();
        }
        return last;
    }

    private static String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = EmberCli.run(args);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).as(String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    private static List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                to.add(message);
            }
        }
        return to;
    }

    private static List<MimeMessage> awaitMessage(String address, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (messagesTo(address).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        List<MimeMessage> messages = messagesTo(address);
        if (messages.size() < count) {
            // Say what the job did instead: its delivery audit so far.
            List<DeliveryRecord> audit = deliveries(l -> !l.isEmpty());
            assertThat(messages).as("messages to " + address + "; deliveries so far: " + audit)
                    .hasSizeGreaterThanOrEqualTo(count);
        }
        return messages;
    }

    private static void produce(Feed feed, Object record) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(feed.topic(), null, TestFeeds.sentAt(Json.toBytes(record)), null, Json.toBytes(record))).get();
        }
    }

    private static List<DeliveryRecord> deliveries(Predicate<List<DeliveryRecord>> done) {
        return read(Topics.DELIVERIES, DeliveryRecord.class, done);
    }

    /** A topic's committed records, read from the start until the condition holds (or 60 s pass). */
    private static <T> List<T> read(String topic, Class<T> type, Predicate<List<T>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "delivery-reader-" + UUID.randomUUID());
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            BooleanSupplier finished = () -> done.test(records);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(Json.fromBytes(r.value(), type));
                }
                if (finished.getAsBoolean()) {
                    break;
                }
            }
        }
        return records;
    }
}
