package org.ember.geo.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Deprivation of 2011 LSOAs: English IMD 2019 (MHCLG File 1) and Welsh WIMD 2019 (the humaniverse
 * IMD package's CSV), read where they lie under {@code deprivation/} of the shared data directory.
 * The two indices are ranked within their own nation, so the comparable measure is the rank as a
 * fraction of the nation's LSOAs (0 = most deprived) and the decile (1 = most deprived 10%).
 */
public final class Deprivation {
    static final String ENGLAND = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz";
    static final String WALES = "wimd2019_wales_lsoa11_humaniverse.csv.gz";

    /** One LSOA's deprivation. */
    public record Score(String lsoa, int decile, int rank, int nationSize) {
        /** Rank as a fraction of the nation's LSOAs, 0 = most deprived. */
        public double rankFraction() {
            return (rank - 1.0) / nationSize;
        }
    }

    private final Map<String, Score> scores;

    private Deprivation(Map<String, Score> scores) {
        this.scores = Map.copyOf(scores);
    }

    public static Deprivation of(Map<String, Score> scores) {
        return new Deprivation(scores);
    }

    /** Reads both nations' files from {@code <dataDir>/deprivation}; a missing file leaves its nation out. */
    public static Deprivation load(Path dataDir) {
        Path dir = dataDir.resolve("deprivation");
        Map<String, Score> all = new HashMap<>();
        Path en = dir.resolve(ENGLAND);
        if (Files.isRegularFile(en)) {
            List<String[]> rows = rows(en);
            for (String[] r : rows) {
                // LSOA code, name, LAD code, LAD name, rank ("29,199"), decile
                all.put(r[0], new Score(r[0], Integer.parseInt(r[5].trim()), Integer.parseInt(r[4].replace(",", "").trim()), rows.size()));
            }
        }
        Path wa = dir.resolve(WALES);
        if (Files.isRegularFile(wa)) {
            List<String[]> rows = rows(wa);
            for (String[] r : rows) {
                // lsoa11_code, IMD_decile, 8 domain deciles, IMD_rank, ...
                all.put(r[0], new Score(r[0], Integer.parseInt(r[1].trim()), Integer.parseInt(r[10].trim()), rows.size()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no deprivation files under " + dir);
        }
        return new Deprivation(all);
    }

    public Optional<Score> of(String lsoa) {
        return Optional.ofNullable(lsoa == null ? null : scores.get(lsoa));
    }

    public int size() {
        return scores.size();
    }

    private static List<String[]> rows(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                if (cells.size() < 11 && file.getFileName().toString().equals(WALES) || cells.size() < 6) {
                    throw new IllegalArgumentException(file + ":" + n + ": too few columns");
                }
                rows.add(cells.toArray(String[]::new));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
