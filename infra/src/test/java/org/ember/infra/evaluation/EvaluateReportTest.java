package org.ember.infra.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.ember.infra.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ember evaluate --simulate} on a simulated year of South Wales violence (real police.uk
 * points and monthly volumes) with a hotspot patrol that truly removes 20% of offences in its 30
 * cells for 4 weeks and a placebo intervention that does nothing: the report must recover the first
 * inside its 95% interval (and tell it from no effect), find no effect for the placebo, and show
 * every section when Chromium renders it.
 */
class EvaluateReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path temp;

    private static Path out;
    private static CliRun run;

    @BeforeAll
    static void evaluateASimulatedYear() {
        out = temp.resolve("report");
        run = CliRun.of("evaluate", "--simulate", "--from", "2025-01-01", "--to", "2025-12-31", "--out", out.toString(),
                "--data-dir", System.getProperty("ember.data.dir", "../../shared/data"));
    }

    private List<String[]> csv(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(name), StandardCharsets.UTF_8)) {
            // The report's CSVs quote only fields with commas; these columns have none.
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private static String col(List<String[]> rows, String[] row, String column) {
        return row[Arrays.asList(rows.get(0)).indexOf(column)];
    }

    private String[] intervention(List<String[]> rows, String id) {
        return rows.stream().filter(r -> r[0].equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " missing"));
    }

    @Test
    void recoversThePlantedEffectAndFindsNoneForThePlacebo() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String[]> rows = csv("interventions.csv");
        String[] patrol = intervention(rows, "SIM-PATROL-EFFECT");
        assertThat(col(rows, patrol, "verdict")).isEqualTo("REDUCTION");
        double low = Double.parseDouble(col(rows, patrol, "relative_low"));
        double high = Double.parseDouble(col(rows, patrol, "relative_high"));
        assertThat(low).as("the planted −20%% lies inside [%s, %s]", low, high).isLessThanOrEqualTo(-0.2);
        assertThat(high).isGreaterThanOrEqualTo(-0.2).isLessThan(0);
        assertThat(Double.parseDouble(col(rows, patrol, "prevented"))).isPositive();

        String[] placebo = intervention(rows, "SIM-PLACEBO");
        assertThat(col(rows, placebo, "verdict")).isEqualTo("NO_EVIDENCE_EITHER_WAY");
        assertThat(Double.parseDouble(col(rows, placebo, "relative_low"))).isNegative();
        assertThat(Double.parseDouble(col(rows, placebo, "relative_high"))).isPositive();
        assertThat(run.out()).contains("SIM-PATROL-EFFECT hotspot_patrol: fewer offences than expected");
    }

    @Test
    void writesEveryTableAsCsvWithSmallCountsSuppressed() throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String name : List.of("interventions.csv", "event_study.csv", "prevented_by_type.csv", "prevented_by_spoke.csv",
                "alert_outcomes.csv", "rule_follow_up.csv", "equity_deciles.csv", "equity_areas.csv", "rejected_interventions.csv")) {
            assertThat(out.resolve(name)).exists();
        }
        // 2 interventions × (12 pre + 4 intervention weeks) event-study rows.
        assertThat(csv("event_study.csv")).hasSize(1 + 2 * 16);
        List<String[]> alerts = csv("alert_outcomes.csv");
        assertThat(alerts.size()).isGreaterThan(1);
        for (String[] a : alerts.subList(1, alerts.size())) {
            String observed = col(alerts, a, "observed_7d");
            assertThat(observed).matches("n/a|fewer than 5|0|[5-9]|[1-9][0-9]+");
        }
        List<String[]> types = csv("prevented_by_type.csv");
        assertThat(types.stream().map(r -> r[0])).contains("hotspot_patrol", "youth_diversion");
        // The acknowledgements' recorded actions reach the follow-up table.
        assertThat(alerts.stream().map(r -> col(alerts, r, "action"))).anyMatch(x -> x.equals("hotspot_patrol") || x.equals("navigator_outreach"));
    }

    @Test
    void chromiumRendersEverySection() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no Chromium at " + CHROMIUM + ": install the Debian package 'chromium' (the CI script .ci/run installs it)");
        }
        Path html = out.resolve(ReportWriter.HTML);
        String dom = chromium("--dump-dom", html.toUri().toString());
        for (String id : ReportWriter.SECTIONS) {
            Matcher m = Pattern.compile("<section id=\"" + id + "\"><h2>([^<]+)</h2>(.*?)</section>", Pattern.DOTALL).matcher(dom);
            assertThat(m.find()).as("section %s rendered", id).isTrue();
            assertThat(m.group(2).strip()).as("section %s has content", id).isNotEmpty();
        }
        assertThat(count(dom, "<svg class=\"chart event-study\"")).isEqualTo(2);
        assertThat(count(dom, "<svg class=\"chart forest\"")).isEqualTo(1);
        assertThat(count(dom, "<svg class=\"chart equity\"")).isEqualTo(1);
        assertThat(count(dom, "<circle ")).isEqualTo(2 * 16);

        Path png = temp.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1100,7000", html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).isEqualTo(7000);
        // Every 1000-pixel band down to the equity chart has drawn (non-white) pixels: the page is not blank or cut short.
        for (int band = 0; band < 4; band++) {
            assertThat(nonWhite(image, band * 1000, band * 1000 + 1000)).as("band %d", band).isGreaterThan(2000);
        }
        Files.copy(png, Path.of("target/evaluation-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(out.resolve("interventions.csv"), Path.of("target/evaluation-interventions.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(temp, "chromium")));
        cmd.addAll(Arrays.asList(args));
        Path stdout = Files.createTempFile(temp, "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        assertThat(p.exitValue()).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int nonWhite(BufferedImage image, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < Math.min(toY, image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }
}
