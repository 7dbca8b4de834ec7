package org.ember.infra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.ember.model.codec.Json;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.PoliceIncident;

/**
 * Police reports for the benchmark, placed at the real map points of one month of data.police.uk
 * (so they spread over the LSOAs as real crime does) and spaced evenly in event time. Seeded: the
 * same arguments give the same records.
 */
public final class BenchFeed {
    private final List<double[]> points;
    private final Instant start;
    private final long stepMillis;
    private final SplittableRandom random;

    public BenchFeed(Path dataDir, String force, String month, Instant start, long stepMillis, long seed) {
        this.points = readPoints(dataDir.resolve("police").resolve(force).resolve(month + "-" + force + "-street.csv.gz"));
        this.start = start;
        this.stepMillis = stepMillis;
        this.random = new SplittableRandom(seed);
        if (points.isEmpty()) {
            throw new IllegalStateException("no located rows in the police.uk file of " + force + " " + month);
        }
    }

    /** The {@code n}th report, as the JSON a police feed sends. */
    public byte[] record(long n) {
        double[] p = points.get(random.nextInt(points.size()));
        boolean knife = random.nextInt(10) == 0;
        PoliceIncident incident = new PoliceIncident("BENCH-" + n, 1, "active", start.plusMillis(n * stepMillis),
                knife ? "Violence with injury" : "Violence without injury", null, knife, false, GeoLocation.wgs84(p[0], p[1]));
        return Json.toBytes(incident); // n = -1 (a priming record) lies one step before the start
    }

    private static List<double[]> readPoints(Path file) {
        List<double[]> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",", -1);
                if (cells.length > 5 && !cells[4].isEmpty() && !cells[5].isEmpty()) {
                    out.add(new double[] {Double.parseDouble(cells[4]), Double.parseDouble(cells[5])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
