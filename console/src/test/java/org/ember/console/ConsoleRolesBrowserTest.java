package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;
import static org.ember.console.TestData.tension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.geo.area.Coverage;
import org.ember.model.Alert;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console with people and roles, in a real headless Chromium: a duty officer logs in on a
 * phone-sized screen, watches an area's tension change live, clicks an alert to see where and why,
 * and acknowledges it; a partner follows a whole simulated hour and never gets a count below the
 * threshold, nor a rule's free text, in the page, the exports or the event stream.
 * Screenshots go to {@code target/screenshots/} (copied into docs/images for docs/console.md).
 */
class ConsoleRolesBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CARDIFF = "W06000015";
    /** Planted in every rule text and tension detail: it must never reach a partner. */
    private static final String SECRET = "OFFICERS-ONLY";

    @TempDir
    static Path temp;

    private static ConsoleServer server;
    private static ChromeDriver driver;
    private static List<CoveredAreas.Lsoa> cardiff;

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Debian package chromium").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver").isExecutable();
        server = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(),
                TestData.coverage(), 5, temp.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .withUsersFile(TestUsers.write(temp)));
        cardiff = server.areas().lsoas().stream().filter(l -> l.lad().equals(CARDIFF)).toList();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")),
                "--lang=en-GB");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOfficerOnAPhoneSeesTensionChangeClicksAnAlertAndAcknowledgesIt() throws Exception {
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(390, 844));
        logIn(TestUsers.OFFICER);
        assertThat(driver.findElement(By.id("who")).getAttribute("data-role")).isEqualTo("duty_officer");
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(
                js("return document.querySelectorAll('.place-label').length > 0;")));
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(fetched).as("nothing from beyond the console, places included").isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith(server.url().toString()))
                .anySatisfy(url -> assertThat(url).endsWith("/api/places.geojson"));
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(390);

        driver.findElement(By.cssSelector("input[name='layer'][value='tension']")).click();
        CoveredAreas.Lsoa area = cardiff.get(60);
        String before = fill(area.code());
        long start = System.nanoTime();
        server.state().apply(tension(area.code(), CARDIFF, hour(22), "critical", 3, "two stabbings within 200 m " + SECRET));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "critical".equals(pathOf(area.code()).getAttribute("data-tension")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("tension reaches the map within seconds").isLessThan(5_000);
        assertThat(fill(area.code())).isNotEqualTo(before).isEqualTo("#a50026");

        Alert alert = alert("fp-phone", area, 3, "3 weapon reports near " + area.name() + " " + SECRET);
        server.state().apply(alert);
        WebElement item = waitFor("#alerts li[data-fingerprint='fp-phone']");
        assertThat(item.getText()).as("officers read the rule's own text").contains(SECRET);
        item.click();
        WebElement why = waitFor("#why[data-fingerprint='fp-phone']");
        assertThat(why.getAttribute("data-area")).isEqualTo(area.code());
        assertThat(why.getText()).contains(area.name(), "Cardiff", "weapon-spike", "3");
        new WebDriverWait(driver, WAIT).until(d -> inMapView(area.code()));

        WebElement ack = item.findElement(By.cssSelector("button.ack"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", ack);
        ack.click();
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(item.findElement(By.cssSelector("button.ack"))
                .getAttribute("data-acknowledged")));
        List<ControlMessage> written = ((ControlWriter.InMemory) server.controls()).written();
        assertThat(written).anySatisfy(m -> {
            assertThat(m.ack()).isNotNull();
            assertThat(m.ack().fingerprint()).isEqualTo("fp-phone");
            assertThat(m.ack().by()).isEqualTo(TestUsers.OFFICER);
        });
        assertThat(Files.readString(temp.resolve("audit.jsonl")))
                .contains("\"user\":\"officer\",\"route\":\"POST /api/alerts/{fingerprint}/ack\"");
        screenshot("console-officer-phone.png");

        // Hot cells and clusters as the job publishes them on ember.hotspots.
        driver.findElement(By.cssSelector("input[name='layer'][value='hotspots']")).click();
        org.locationtech.jts.geom.Point centre = server.areas().shape(area.code()).getInteriorPoint();
        server.state().apply(new org.ember.model.fusion.HotspotUpdate(org.ember.model.fusion.HotspotUpdate.CELL_SCORED, "cell",
                "250m:1:2", CARDIFF, hour(23), centre.getX(), centre.getY(),
                Map.of("incidents{window=7d,kind=all}", 6.0, "gi_z{window=7d}", 3.1),
                Map.of("bin", "3", "hot", "true", "emerging", "new hot spot"), List.of()));
        server.state().apply(new org.ember.model.fusion.HotspotUpdate(org.ember.model.fusion.HotspotUpdate.CLUSTER_CHANGED,
                "cluster", "W06000015:1", CARDIFF, hour(23), centre.getX(), centre.getY(), Map.of("members", 3.0),
                Map.of(), List.of("INC-1", "INC-2", "INC-3")));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("path[fill='#b2182b']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("path[stroke='#6a3d9a']"))).as("emerging cell and cluster ring").hasSizeGreaterThanOrEqualTo(2);

        // The time slider: twelve hours back the map shows what was published then.
        driver.findElement(By.cssSelector("input[name='layer'][value='counts']")).click();
        CoveredAreas.Lsoa past = cardiff.get(61);
        server.state().apply(lsoaCounts(past.code(), hour(10), 12));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "c5".equals(pathOf(past.code()).getAttribute("data-class")));
        server.state().apply(lsoaCounts(past.code(), hour(22), 0));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "none".equals(pathOf(past.code()).getAttribute("data-class")));
        js("const s = document.getElementById('time'); s.value = -12; s.dispatchEvent(new Event('input'));");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "c5".equals(pathOf(past.code()).getAttribute("data-class")));
        assertThat(driver.findElement(By.id("time-label")).getText()).contains("12 h ago");
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-historic")).isEqualTo(Long.toString(hour(11)));
        js("const s = document.getElementById('time'); s.value = 0; s.dispatchEvent(new Event('input'));");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "none".equals(pathOf(past.code()).getAttribute("data-class")));
    }

    @Test
    void aPartnerNeverSeesACountBelowTheThresholdNorFreeTextOverAWholeHour() throws Exception {
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(1280, 860));
        logIn(TestUsers.PARTNER);
        AccessHttpTestLogin partner = httpLogin(TestUsers.PARTNER);
        try (SseRecorder stream = new SseRecorder(server.localUrl().resolve("/events"), partner.cookie(), null)) {
            stream.await(events -> !events.isEmpty());
            // A demo hour: every LSOA of Cardiff updated once or more, a third of them with 1-4 reports,
            // alerts of every size and tension with the officers' details.
            Random random = new Random(14);
            Map<String, Long> small = new HashMap<>();
            for (int minute = 0; minute < 60; minute++) {
                long at = hour(23) + minute * 60_000L;
                for (int i = 0; i < 5; i++) {
                    CoveredAreas.Lsoa lsoa = cardiff.get(random.nextInt(cardiff.size()));
                    long count = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 5 + random.nextInt(8);
                    server.state().apply(lsoaCounts(lsoa.code(), at, count));
                    if (count < 5) {
                        small.put(lsoa.code(), count);
                    } else {
                        small.remove(lsoa.code());
                    }
                }
                if (minute % 6 == 0) {
                    CoveredAreas.Lsoa lsoa = cardiff.get(random.nextInt(cardiff.size()));
                    int value = 1 + random.nextInt(8);
                    server.state().apply(alert("fp-hour-" + minute, lsoa, value,
                            value + " weapon reports in " + lsoa.name() + " " + SECRET));
                    server.state().apply(tension(lsoa.code(), CARDIFF, at, "high", 2, "knife seized " + SECRET));
                    server.state().apply(new org.ember.model.fusion.HotspotUpdate(
                            org.ember.model.fusion.HotspotUpdate.CLUSTER_CHANGED, "cluster", "c" + minute, CARDIFF, at, -3.18, 51.48,
                            Map.of("members", 2.0), Map.of(), List.of("INC-" + SECRET + "-" + minute)));
                }
            }
            stream.await(events -> events.stream().anyMatch(e -> e.data().contains("fp-hour-54")));
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#alerts li[data-fingerprint='fp-hour-54']")).isEmpty());
            Thread.sleep(2 * SseHub.BATCH_INTERVAL.toMillis()); // the last batch of counts

            String html = driver.getPageSource();
            assertThat(html).as("the page").doesNotContain(SECRET);
            for (Map.Entry<String, Long> entry : small.entrySet()) {
                assertThat(pathOf(entry.getKey()).getAttribute("data-class")).as(entry.getKey()).isEqualTo("suppressed");
            }
            assertThat(driver.findElement(By.id("alerts")).getText()).doesNotContainPattern("\\b[1-4] weapon");

            for (SseRecorder.Event event : stream.events) {
                assertNoSmallCountsOrFreeText("event stream " + event.name(), event.data());
            }
            assertNoSmallCountsOrFreeText("/api/state", get("/api/state", partner));
            assertNoSmallCountsOrFreeText("/api/alerts", get("/api/alerts?status=all", partner));
            String csv = get("/api/export.csv", partner);
            assertThat(csv).doesNotContain(SECRET);
            for (String row : csv.lines().skip(1).toList()) {
                String count = row.split(",", -1)[4];
                assertThat(count).as(row).doesNotMatch("[1-4]");
            }
            for (String code : small.keySet()) {
                assertThat(csv).contains(code);
            }
            String geoJson = get("/api/export.geojson", partner);
            assertNoSmallCountsOrFreeText("/api/export.geojson", geoJson);
            assertThat(MAPPER.readTree(geoJson).get("features").size()).isGreaterThan(cardiff.size());
            byte[] pdf = getBytes("/api/brief.pdf", partner);
            try (org.apache.pdfbox.pdmodel.PDDocument brief = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                assertThat(brief.getNumberOfPages()).as("one page").isEqualTo(1);
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(brief);
                assertThat(text).contains("Ember - tasking brief", "Pat Partner (partner)", "Open alerts", "Cardiff")
                        .doesNotContain(SECRET).doesNotContainPattern(": [1-4] reports in 24 h");
                java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(brief).renderImageWithDPI(0, 60);
                javax.imageio.ImageIO.write(page, "png", Files.createDirectories(Path.of("target/screenshots"))
                        .resolve("console-brief.png").toFile());
            }
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    getBytes("/api/export.png", partner)));
            assertThat(png.getWidth()).isEqualTo(1600);
            String audit = Files.readString(temp.resolve("audit.jsonl"));
            for (String route : List.of("/api/export.csv", "/api/export.geojson", "/api/brief.pdf", "/api/export.png")) {
                assertThat(audit).contains("\"user\":\"partner\",\"route\":\"" + route + "\"");
            }
        }
        screenshot("console-partner.png");
    }

    // ---- helpers ----

    record AccessHttpTestLogin(String cookie) {}

    private static void assertNoSmallCountsOrFreeText(String where, String json) throws Exception {
        assertThat(json).as(where).doesNotContain(SECRET).doesNotContain("\"annotations\"").doesNotContain("\"detail\"");
        JsonNode root = MAPPER.readTree(json);
        root.findValues("count_24h").forEach(v -> {
            if (!v.isNull()) {
                assertThat(v.asLong()).as(where).isNotIn(1L, 2L, 3L, 4L);
            }
        });
        root.findValues("value").forEach(v -> {
            if (!v.isNull() && v.isNumber()) {
                assertThat(v.asDouble() >= 0.5 && v.asDouble() < 4.5).as(where + " alert value " + v).isFalse();
            }
        });
    }

    private void logIn(String name) {
        driver.get(server.url().toString());
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(TestUsers.password(name));
        driver.findElement(By.id("submit")).click();
        try {
            new WebDriverWait(driver, WAIT).until(d -> "live".equals(js("return document.body.getAttribute('data-connection');")));
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder logs = new StringBuilder();
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).forEach(l -> logs.append(l.getMessage()).append('\n'));
            throw new AssertionError("not live at " + driver.getCurrentUrl() + ": "
                    + js("return document.body.getAttribute('data-connection') + ' ' + document.body.innerText.slice(0, 300);")
                    + "\n" + logs, e);
        }
    }

    private static AccessHttpTestLogin httpLogin(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.localUrl().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"password\": \"" + TestUsers.password(name) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new AccessHttpTestLogin(response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
    }

    private static String get(String path, AccessHttpTestLogin who) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.localUrl().resolve(path))
                .header("Cookie", who.cookie()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static byte[] getBytes(String path, AccessHttpTestLogin who) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(server.localUrl().resolve(path))
                .header("Cookie", who.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static Alert alert(String fingerprint, CoveredAreas.Lsoa lsoa, int value, String summary) {
        return new Alert(fingerprint, "weapon-spike", Alert.FIRING, "high", "lsoa", lsoa.code(), lsoa.name(), CARDIFF,
                hour(23), hour(23), "count{window=24h,feed=any,category=weapon}", value, 1, summary,
                Map.of("alertname", "weapon-spike", "severity", "high", "area", lsoa.code()),
                Map.of("why", "runbook " + SECRET));
    }

    private static boolean inMapView(String code) {
        return Boolean.TRUE.equals(js("const p = document.querySelector(\"path[data-lsoa='" + code + "']\");"
                + "const m = document.getElementById('map').getBoundingClientRect(); const r = p.getBoundingClientRect();"
                + "const x = r.x + r.width / 2, y = r.y + r.height / 2;"
                + "return r.width > 8 && x > m.left && x < m.right && y > m.top && y < m.bottom;"));
    }

    private static WebElement waitFor(String css) {
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
        return driver.findElement(By.cssSelector(css));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static WebElement pathOf(String code) {
        return driver.findElement(By.cssSelector("path[data-lsoa='" + code + "']"));
    }

    private static String fill(String code) {
        return pathOf(code).getAttribute("fill");
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
