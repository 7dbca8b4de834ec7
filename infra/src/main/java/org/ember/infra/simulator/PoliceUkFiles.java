package org.ember.infra.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the monthly data.police.uk street-level files laid out as
 * {@code police/<folder>/<YYYY-MM>-<force>-street.csv.gz} under a data directory. The folder is
 * usually named after the force; when it is not (a partial copy, say), the month's one
 * {@code <YYYY-MM>-*-street.csv.gz} file in it is used.
 */
final class PoliceUkFiles {
    static final String HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
            + "LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private static final int COLUMNS = 12;

    private final Path dataDir;

    PoliceUkFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    Path file(String folder, YearMonth month) {
        Path dir = dataDir.resolve("police").resolve(folder);
        Path named = dir.resolve(month + "-" + folder + "-street.csv.gz");
        if (Files.isRegularFile(named) || !Files.isDirectory(dir)) {
            return named;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(month + "-") && name.endsWith("-street.csv.gz");
            }).sorted().toList();
            return matches.size() == 1 ? matches.get(0) : named;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Whether every folder has a file for the month. */
    boolean complete(List<String> folders, YearMonth month) {
        return folders.stream().allMatch(f -> Files.isRegularFile(file(f, month)));
    }

    /** Every row of one force's month, in file order. */
    List<PoliceUkRow> read(String force, YearMonth month) {
        Path file = file(force, month);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").equals(HEADER)) {
                throw new IllegalArgumentException(file + ": not a police.uk street-level file (header " + header + ")");
            }
            List<PoliceUkRow> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isEmpty()) {
                    rows.add(parse(line, file, lineNumber));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static PoliceUkRow parse(String line, Path file, int lineNumber) {
        List<String> cells = splitCsv(line);
        if (cells.size() != COLUMNS) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": expected " + COLUMNS
                    + " columns, found " + cells.size());
        }
        return new PoliceUkRow(
                blankToNull(cells.get(0)),
                cells.get(1),
                blankToNull(cells.get(3)),
                coordinate(cells.get(4), file, lineNumber),
                coordinate(cells.get(5), file, lineNumber),
                blankToNull(cells.get(6)),
                blankToNull(cells.get(7)),
                blankToNull(cells.get(8)),
                cells.get(9));
    }

    /** Splits one RFC 4180 line: police.uk quotes cells that hold commas (e.g. some LSOA names). */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>(COLUMNS);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Double coordinate(String text, Path file, int lineNumber) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": bad coordinate '" + text + "'", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
