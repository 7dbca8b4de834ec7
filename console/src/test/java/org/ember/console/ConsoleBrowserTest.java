package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ember.model.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium: it draws every covered LSOA, then follows the live state
 * through Server-Sent Events without reloading. Chromium and its driver come from Debian
 * ({@code chromium}, {@code chromium-driver}); the CI script installs them. Their absence fails
 * the test: a console whose page was never opened is not tested.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOP_CLASS = "c5";

    @TempDir
    static Path temp;

    private static ConsoleServer server;
    private static ChromeDriver driver;
    private static final List<String> driverFinderLog = new ArrayList<>();
    private static Handler driverFinderHandler;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no Chromium at " + CHROMIUM + ": install the Debian package 'chromium' (the CI script .ci/run installs it)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            fail("no ChromeDriver at " + CHROMEDRIVER
                    + ": install the Debian package 'chromium-driver' (the CI script .ci/run installs it)");
        }
        server = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0, null, TestData.dataDir(),
                TestData.coverage(), 5, temp.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));

        // The driver is named three ways so Selenium never asks Selenium Manager (which would go
        // to the network to find one); the log below proves it skipped it.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Logger finder = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
        finder.setLevel(Level.FINE);
        driverFinderHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (driverFinderLog) {
                    driverFinderLog.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        driverFinderHandler.setLevel(Level.ALL);
        finder.addHandler(driverFinderHandler);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")),
                "--window-size=1600,1000", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (driverFinderHandler != null) {
            Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder").removeHandler(driverFinderHandler);
        }
    }

    @Test
    void theMapFollowsLiveUpdatesWithoutReloading() throws Exception {
        int covered = server.areas().size();
        driver.get(server.url().toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);

        wait.until(d -> ((Number) js("return document.querySelectorAll('path[data-lsoa]').length;")).intValue() == covered);
        wait.until(d -> "live".equals(js("return document.body.getAttribute('data-connection');")));
        js("window.emberNotReloaded = true;");

        List<CoveredAreas.Lsoa> cardiff = server.areas().lsoas().stream().filter(l -> l.lad().equals("W06000015")).toList();
        String hot = cardiff.get(40).code();
        String quiet = cardiff.get(41).code();
        String topColour = legendColour(TOP_CLASS);
        String suppressedColour = legendColour("suppressed");
        assertThat(fill(hot)).isNotEqualTo(topColour);

        server.state().apply(lsoaCounts(hot, hour(22), 12));
        Alert alert = firing("fp-browser", hot, cardiff.get(40).name(), hour(22));
        server.state().apply(alert);
        server.state().apply(lsoaCounts(quiet, hour(22), 3));

        wait.until(d -> topColour.equals(fill(hot)));
        assertThat(pathOf(hot).getAttribute("data-class")).isEqualTo(TOP_CLASS);
        wait.until(d -> !d.findElements(By.cssSelector("#alerts li[data-fingerprint='fp-browser']")).isEmpty());
        WebElement listed = driver.findElement(By.cssSelector("#alerts li[data-fingerprint='fp-browser']"));
        assertThat(listed.getText()).contains(cardiff.get(40).name(), "Cardiff", alert.rule()).doesNotContain(alert.summary())
                .containsIgnoringCase(alert.severity());

        wait.until(d -> suppressedColour.equals(fill(quiet)));
        assertThat(pathOf(quiet).getAttribute("data-class")).isEqualTo("suppressed");
        String tooltip = hoverTooltip(quiet);
        assertThat(tooltip).contains("fewer than 5").doesNotContain(": 3");
        assertThat(legendText("suppressed")).isEqualTo("fewer than 5");

        assertThat(js("return window.emberNotReloaded === true;")).as("updated live, not by reloading").isEqualTo(true);
        assertThat(driver.findElement(By.id("as-of")).getText()).startsWith("data as of");
        assertThat(driver.findElement(By.id("export")).getAttribute("href")).endsWith("/api/export.csv");

        fillForTheScreenshot(cardiff);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/console-screenshot.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePageFetchesNothingFromOutsideAndLogsNoErrors() {
        driver.get(server.url().toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> "live".equals(js("return document.body.getAttribute('data-connection');")));

        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name);");
        String origin = server.url().toString();
        assertThat(fetched).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("browser console errors").isEmpty();
        synchronized (driverFinderLog) {
            assertThat(driverFinderLog).as("Selenium Manager was not asked for a driver")
                    .anySatisfy(message -> assertThat(message).startsWith("Skipping Selenium Manager"));
        }
    }

    /** A plausible Saturday night, so the screenshot shows every class, the legend and a few alerts. */
    private void fillForTheScreenshot(List<CoveredAreas.Lsoa> cardiff) {
        Random random = new Random(2026);
        long[] examples = {0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 13};
        for (int i = 0; i < 60; i++) {
            CoveredAreas.Lsoa lsoa = server.areas().lsoas().get(random.nextInt(server.areas().size()));
            server.state().apply(lsoaCounts(lsoa.code(), hour(23), examples[random.nextInt(examples.length)]));
        }
        for (int i = 0; i < 3; i++) {
            CoveredAreas.Lsoa lsoa = cardiff.get(100 + i * 7);
            server.state().apply(firing("fp-shot-" + i, lsoa.code(), lsoa.name(), hour(23) - i * 25 * 60_000L));
        }
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#alerts li")).size() >= 4);
        hoverTooltip(cardiff.get(40).code());
    }

    /** Points at an LSOA as a mouse would (leaving the one pointed at before) and returns its tooltip. */
    private String hoverTooltip(String code) {
        js("if (window.emberHovered) { window.emberHovered.dispatchEvent(new MouseEvent('mouseout', {bubbles: true})); }"
                + "const p = document.querySelector(\"path[data-lsoa='" + code + "']\");"
                + "const r = p.getBoundingClientRect();"
                + "p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));"
                + "window.emberHovered = p;");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> d.findElements(By.cssSelector(".leaflet-tooltip")).size() == 1);
        return driver.findElement(By.cssSelector(".leaflet-tooltip")).getText();
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

    private static String legendColour(String cls) {
        return driver.findElement(By.cssSelector("#legend li[data-class='" + cls + "']")).getAttribute("data-colour");
    }

    private static String legendText(String cls) {
        return driver.findElement(By.cssSelector("#legend li[data-class='" + cls + "']")).getText().trim();
    }

}
