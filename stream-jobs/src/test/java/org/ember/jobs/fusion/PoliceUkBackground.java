package org.ember.jobs.fusion;

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
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.PoliceIncident;

/**
 * Real data.police.uk street-level rows (read from the shared data directory, never copied) as a
 * background of police incidents: the month's violent and public-order rows with coordinates,
 * given seeded times in a chosen period (police.uk has no time of day).
 */
final class PoliceUkBackground {
    static final Set<String> REPLAYED = Set.of("Violence and sexual offences", "Robbery", "Possession of weapons",
            "Public order");

    /** One street-level row. */
    record Row(String crimeId, double lon, double lat, String lsoaCode, String lsoaName, String crimeType) {}

    private PoliceUkBackground() {}

    static List<Row> rows(Path dataDir, String force, String month, Predicate<Row> keep) {
        Path file = dataDir.resolve("police").resolve(force).resolve(month + "-" + force + "-street.csv.gz");
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                List<String> cells = split(line);
                n++;
                if (cells.size() < 10 || cells.get(4).isEmpty() || !REPLAYED.contains(cells.get(9))) {
                    continue;
                }
                String id = cells.get(0).isEmpty() ? "row-" + n : cells.get(0).substring(0, Math.min(16, cells.get(0).length()));
                Row row = new Row(id, Double.parseDouble(cells.get(4)), Double.parseDouble(cells.get(5)), cells.get(7),
                        cells.get(8), cells.get(9));
                if (keep.test(row)) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    /** The rows as police incidents at seeded times in [from, from + days). */
    static List<PoliceIncident> incidents(List<Row> rows, Instant from, int days, long seed) {
        Random random = new Random(seed);
        List<PoliceIncident> out = new ArrayList<>();
        for (Row r : rows) {
            Instant at = from.plusSeconds((long) (random.nextDouble() * days * 86_400));
            out.add(new PoliceIncident("BG-" + r.crimeId(), 1, "active", at, r.crimeType(), null, false, false,
                    GeoLocation.wgs84(r.lon(), r.lat())));
        }
        out.sort(java.util.Comparator.comparing(PoliceIncident::occurredAt));
        return out;
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
