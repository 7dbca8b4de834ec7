package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Production run modes as an operator starts them: {@code ember job} and {@code ember console} as
 * two separate processes, built from one deployment file, against a running broker (the demo's,
 * here the test's). A weapon alert reaches the Cardiff duty officer by e-mail (GreenMail); the ack
 * link in it starts with the deployment's public URL; opened in headless Chromium, its button
 * acknowledges the alert, and the escalation step after it never comes. Both processes serve
 * /metrics and /healthz.
 */
class JobAndConsoleProcessesTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The escalation step after the duty officer: long enough to acknowledge first, even on a loaded machine. */
    private static final Duration SECOND_STEP = Duration.ofSeconds(45);

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();
    private KafkaBroker broker;
    private GreenMail mail;
    private WebDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mail != null) {
            mail.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void jobAndConsoleAsSeparateProcessesDeliverAnAckLinkThatStopsEscalation() throws Exception {
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        broker.createTopics();
        int smtpPort = freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        int consolePort = freePort();
        URI publicUrl = URI.create("http://127.0.0.1:" + consolePort + "/");
        Path deployment = writeDeployment(publicUrl, smtpPort);

        Process console = ember(work.resolve("console.log"), "console", "--deployment", deployment.toString(),
                "--audit-log", work.resolve("audit.jsonl").toString());
        Process job = ember(work.resolve("job.log"), "job", "--deployment", deployment.toString(),
                "--work-dir", work.resolve("job").toString(), "--checkpoint-interval", "2s", "--parallelism", "1");
        String consoleHealth = awaitLine(console, work.resolve("console.log"), Pattern.compile("Metrics: (\\S+)/metrics"));
        String jobMetrics = awaitLine(job, work.resolve("job.log"), Pattern.compile("Metrics: (\\S+)/metrics"));
        awaitLine(job, work.resolve("job.log"), Pattern.compile("Ember job \\S+ (RUNNING)"));

        // Two knife crimes in one Cardiff neighbourhood, minutes ago (ingest refuses month-old event times):
        // the rule fires on the second.
        Instant now = Instant.now();
        TestTopics.send(broker.bootstrapServers(), Feed.POLICE.topic(),
                Json.mapper().writeValueAsBytes(TestFeeds.knifeCrime("JC-1", now.minusSeconds(600), CARDIFF_CENTRE)),
                now.toEpochMilli());
        TestTopics.send(broker.bootstrapServers(), Feed.POLICE.topic(),
                Json.mapper().writeValueAsBytes(TestFeeds.knifeCrime("JC-2", now.minusSeconds(480), CARDIFF_CENTRE)),
                now.toEpochMilli());

        MimeMessage first = awaitMessage("duty.officer@cardiff.example", Duration.ofSeconds(300));
        Instant notified = Instant.now();
        Matcher link = Pattern.compile("Acknowledge: (http://\\S+/alerts/([0-9a-f]+)/ack)").matcher(first.getContent().toString());
        assertThat(link.find()).as(first.getContent().toString()).isTrue();
        assertThat(link.group(1)).as("links use the deployment's public URL").startsWith(publicUrl.toString());

        browser = chromium();
        browser.get(link.group(1));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.getPageSource().contains("weapon-reports"));
        browser.findElement(By.id("by")).sendKeys("Duty Officer");
        browser.findElement(By.id("ack")).click();
        wait.until(d -> d.findElement(By.id("result")).getText().startsWith("Acknowledged"));
        assertThat(Instant.now()).as("acknowledged before the next escalation step was due")
                .isBefore(notified.plus(SECOND_STEP));
        assertThat(Files.readString(work.resolve("audit.jsonl"))).contains(link.group(2));

        // Wait past the spoke lead's step: an acknowledged alert escalates no further.
        Thread.sleep(Duration.between(Instant.now(), notified.plus(SECOND_STEP).plusSeconds(20)).toMillis());
        assertThat(messagesTo("spoke.lead@cardiff.example")).isEmpty();
        assertThat(messagesTo("duty.officer@cardiff.example")).hasSize(1);

        HttpResponse<String> metrics = get(URI.create(jobMetrics + "/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ember_records_in");
        assertThat(get(URI.create(jobMetrics + "/healthz")).statusCode()).isEqualTo(200);
        assertThat(get(URI.create(consoleHealth + "/healthz")).statusCode()).isEqualTo(200);
        assertThat(job.isAlive()).isTrue();
        assertThat(console.isAlive()).isTrue();
    }

    private Path writeDeployment(URI publicUrl, int smtpPort) throws IOException {
        Path dir = Files.createDirectories(work.resolve("deployment"));
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("routing"));
        Path shipped = Path.of("../deployments/south-wales-gwent").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("deployment.yaml"), """
                name: cardiff-test
                data_dir: %s
                cap_sender: ember@cardiff-test.example
                public_url: %s
                hub: {name: Hub, receiver: hub}
                spokes:
                  - {id: cardiff, name: Cardiff, lads: [W06000015], receiver: cardiff}
                boundaries:
                  lsoa: {files: "boundaries/wales_lsoa11_by_lad/{lad}.json"}
                  la: {file: boundaries/wales_lad13.json}
                  lsoa_lookup: lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz
                postcode_districts: %s
                simulator:
                  police: [south-wales]
                  ambulance_service: WAST
                  emergency_departments:
                    - {code: 7A4BV, name: University Hospital of Wales, lon: -3.1903, lat: 51.5070}
                kafka:
                  bootstrap_servers: %s
                smtp: {host: 127.0.0.1, port: %d, from: ember@cardiff-test.example}
                rules: rules
                routing: routing
                """.formatted(TestFeeds.dataDir().toAbsolutePath().normalize(), publicUrl,
                shipped.resolve("postcode-districts.csv"), broker.bootstrapServers(), smtpPort));
        Files.writeString(dir.resolve("rules/weapons.yaml"), """
                groups:
                  - name: e2e
                    rules:
                      - name: weapon-reports
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 2
                        severity: warning
                        annotations:
                          summary: "{{ .value }} weapon reports in {{ .area_name }}"
                """);
        Files.writeString(dir.resolve("routing/routes.yaml"), """
                route:
                  receiver: hub
                  group_by: [lad]
                  group_wait: 1s
                  group_interval: 3s
                  repeat_interval: 1h
                  routes:
                    - {matchers: ['lad="W06000015"'], receiver: cardiff}
                receivers:
                  - {name: hub, escalation: hub}
                  - {name: cardiff, escalation: cardiff}
                """);
        Files.writeString(dir.resolve("routing/oncall.yaml"), """
                hub: hub
                people:
                  - {id: duty.officer, name: Duty Officer, email: duty.officer@cardiff.example}
                  - {id: spoke.lead, name: Spoke Lead, email: spoke.lead@cardiff.example}
                  - {id: hub.officer, name: Hub Officer, email: hub.officer@hub.example}
                teams:
                  - {id: hub, name: Hub, schedule: hub-duty}
                schedules:
                  - id: cardiff-duty
                    layers:
                      - {start: "2025-01-06T08:00", shift: 7d, members: [duty.officer]}
                  - id: hub-duty
                    layers:
                      - {start: "2025-01-06T08:00", shift: 7d, members: [hub.officer]}
                escalation_policies:
                  - id: cardiff
                    steps:
                      - {targets: ["schedule:cardiff-duty"], delay: %ds}
                      - {targets: ["person:spoke.lead"]}
                  - id: hub
                    steps:
                      - {targets: [hub]}
                """.formatted(SECOND_STEP.toSeconds()));
        return dir.resolve("deployment.yaml");
    }

    /** Starts {@code ember ARGS} in a JVM of its own, as the ember script does. */
    private Process ember(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m"));
        command.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"));
        command.addAll(List.of("-Dember.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-Dember.log.file=" + log + ".ember", "-cp", System.getProperty("java.class.path"),
                "org.ember.infra.cli.EmberCli"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static String awaitLine(Process process, Path log, Pattern pattern) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before printing " + pattern
                        + ":\n" + text);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no line " + pattern + " within 240 s:\n" + Files.readString(log));
    }

    private MimeMessage awaitMessage(String to, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> found = messagesTo(to).stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no e-mail to " + to + " within " + timeout + "; job log:\n"
                + Files.readString(work.resolve("job.log")));
    }

    private List<MimeMessage> messagesTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
                found.add(m);
            }
        }
        return found;
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebDriver chromium() throws IOException {
        assertThat(CHROMIUM).as("Debian package chromium (installed by .ci/run)").isRegularFile();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver (installed by .ci/run)").isRegularFile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")),
                "--window-size=390,844");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
