package org.ember.infra.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ember.infra.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
    @TempDir
    Path dir;

    /** 120 days of events in British National Grid metres around Cardiff, with a planted hot cell. */
    private Path events() throws Exception {
        SplittableRandom random = new SplittableRandom(16);
        List<String> lines = new ArrayList<>();
        lines.add("x,y,t");
        java.time.LocalDateTime start = java.time.LocalDateTime.parse("2025-01-01T00:00");
        for (int d = 0; d < 120; d++) {
            for (int k = 0; k < 4; k++) {
                lines.add(String.format(Locale.ROOT, "%.1f,%.1f,%s", 318000 + random.nextDouble() * 1500,
                        176000 + random.nextDouble() * 1500, start.plusDays(d).plusMinutes(random.nextInt(1440))));
            }
            lines.add(String.format(Locale.ROOT, "%.1f,%.1f,%s", 318620.0, 176640.0, start.plusDays(d).plusHours(22)));
        }
        Path file = dir.resolve("events.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void writesRankedCellsAsCsvAndGeoJsonWithThePlantedCellFirst() throws Exception {
        Path file = events();
        String prefix = dir.resolve("out").toString();
        CliRun run = CliRun.of("forecast", "--events", file.toString(), "--at", "2025-04-01", "--cell", "150",
                "--horizon", "7d", "--training", "60d", "--method", "ensemble", "--crs", "EPSG:27700",
                "--ensemble-origins", "2", "--out", prefix, "--top", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("ensemble weights:");
        List<String> csv = Files.readAllLines(Path.of(prefix + ".csv"));
        assertThat(csv.get(0)).isEqualTo("period,rank,cell,x,y,lon,lat,expected");
        // 318620 / 150 = 2124.1, 176640 / 150 = 1177.6: cell 150m:2124:1177.
        assertThat(csv.get(1)).startsWith("all,1,150m:2124:1177,");
        double expected = Double.parseDouble(csv.get(1).substring(csv.get(1).lastIndexOf(',') + 1));
        // One event a day there: about 7 in the week, plus a share of the background.
        assertThat(expected).isBetween(5.0, 10.0);
        JsonNode geo = new ObjectMapper().readTree(Path.of(prefix + ".geojson").toFile());
        assertThat(geo.get("features")).hasSize(5);
        JsonNode first = geo.get("features").get(0);
        assertThat(first.get("properties").get("cell").asText()).isEqualTo("150m:2124:1177");
        double lon = first.get("geometry").get("coordinates").get(0).get(0).get(0).asDouble();
        double lat = first.get("geometry").get("coordinates").get(0).get(0).get(1).asDouble();
        assertThat(lon).isBetween(-3.3, -3.0); // Cardiff
        assertThat(lat).isBetween(51.4, 51.6);
    }

    @Test
    void evaluateWritesScoresSummaryAndChartForEveryMethod() throws Exception {
        Path file = events();
        Path out = dir.resolve("eval");
        CliRun run = CliRun.of("forecast", "evaluate", "--events", file.toString(), "--from", "2025-03-01",
                "--to", "2025-05-01", "--training", "56d", "--periods", "daynight", "--coverage", "0.02,0.05",
                "--ensemble-origins", "2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("method,period,coverage,origins,hit_rate,pai,pei,rri,pooled_hit_rate");
        // 5 methods × 2 periods × 2 coverages.
        assertThat(run.lines()).hasSize(1 + 20);
        assertThat(run.out()).contains("naive,day,0.0200,8,", "ensemble,night,0.0500,8,");
        // At night the planted cell holds 7 of the ~20 events of a week; every method ranks it.
        for (String line : run.lines().subList(1, run.lines().size())) {
            String[] f = line.split(",");
            if (f[1].equals("night") && !f[0].equals("naive")) {
                assertThat(Double.parseDouble(f[4])).as(line).isGreaterThan(0.25);
            }
        }
        assertThat(Files.readAllLines(out.resolve("scores.csv"))).hasSize(1 + 8 * 20);
        String svg = Files.readString(out.resolve("chart.svg"));
        assertThat(svg).startsWith("<svg").contains("mean PAI", "ensemble", "2% of area");
    }

    @Test
    void monthLevelPoliceDataRefusesWeeklyHorizons() throws Exception {
        Path file = CliRun.csv(dir, "2025-01-south-wales-street.csv",
                "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
                "a,2025-01,South Wales Police,South Wales Police,-3.17,51.48,On or near X,W01,Cardiff 1,Violence and sexual offences,,",
                "b,2025-01,South Wales Police,South Wales Police,,,No location,,,Violence and sexual offences,,");
        CliRun run = CliRun.of("forecast", "--events", file.toString(), "--at", "2025-02-01", "--horizon", "7d");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("only the month", "1mo");
    }
}
