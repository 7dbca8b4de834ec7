package org.ember.infra.livemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tasking meeting's map, end to end: partner records go into the real broker, the job on Flink's
 * local cluster links them and raises tension, the console reads {@code ember.tension}, and the map in
 * headless Chromium recolours the area — nothing in between is fed by hand.
 */
class LiveMapEndToEndTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path work;

    @Test
    void aStabbingReportedByThreeAgenciesTurnsItsAreaOnTheMapWithinSeconds() throws Exception {
        assertThat(CHROMIUM).as("Debian package chromium").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver").isExecutable();
        String lsoa = new AreaPlacer(AreaCatalogue.load(TestFeeds.dataDir(), TestFeeds.coverage()), 250)
                .placeLonLat(CARDIFF_CENTRE.lon(), CARDIFF_CENTRE.lat()).placement().lsoa();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics();
            EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-live-map",
                    "ember-live-map-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofSeconds(1), 1);
            ChromeDriver driver = null;
            try (RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run);
                    ConsoleServer console = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0,
                            broker.bootstrapServers(), TestFeeds.dataDir(), TestFeeds.coverage(), 5,
                            work.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
                    KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
                driver = chromium();
                driver.get(console.url().toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                wait.until(d -> !d.findElements(By.cssSelector("path[data-lsoa='" + lsoa + "']")).isEmpty());
                driver.findElement(By.cssSelector("input[name='layer'][value='tension']")).click();
                assertThat(tensionOf(driver, lsoa)).as("before any record").isIn(null, "none", "calm");

                send(producer, Feed.POLICE, Json.toBytes(TestFeeds.knifeCrime("CR-LIVE", FRIDAY_22H.plusSeconds(300),
                        CARDIFF_CENTRE)));
                send(producer, Feed.AMBULANCE, Json.toBytes(TestFeeds.stabbingCallout("AMB-LIVE", FRIDAY_22H.plusSeconds(420),
                        CARDIFF_CENTRE)));
                send(producer, Feed.AE, Json.toBytes(TestFeeds.knifeAttendance("AE-LIVE", FRIDAY_22H.plusSeconds(300),
                        Duration.ofMinutes(50), CARDIFF_CENTRE)));

                // Seconds, not an hour boundary: the job evaluates on arrival; the bound is generous for a loaded CI.
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
                    String level = tensionOf(d, lsoa);
                    return level != null && !level.equals("none") && !level.equals("calm");
                });
                assertThat(tensionOf(driver, lsoa)).isNotIn("none", "calm");
                assertThat(job.status()).isEqualTo("RUNNING");
            } finally {
                if (driver != null) {
                    driver.quit();
                }
            }
        }
    }

    private static String tensionOf(org.openqa.selenium.WebDriver driver, String lsoa) {
        return driver.findElement(By.cssSelector("path[data-lsoa='" + lsoa + "']")).getAttribute("data-tension");
    }

    private ChromeDriver chromium() throws java.io.IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Feed feed, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(feed.topic(), null, TestFeeds.sentAt(value), null, value)).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<byte[], byte[]> producer(String servers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
