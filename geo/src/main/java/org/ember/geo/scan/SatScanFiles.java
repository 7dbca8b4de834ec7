package org.ember.geo.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for SaTScan's whitespace-separated ASCII input files.
 *
 * <ul>
 *   <li>case file: {@code location count [date]}, dates as {@code YYYY/M/D} (or ISO {@code YYYY-MM-DD});
 *       any further columns (covariates) are ignored.
 *   <li>coordinates file: {@code location x y} or, for lat/lon, {@code location latitude longitude}.
 *   <li>population file: {@code location [year] population [covariates…]}; populations of the
 *       same location and year are added (covariate strata) and years are averaged.
 * </ul>
 * Blank lines and lines starting with {@code ;} or {@code #} are skipped.
 */
public final class SatScanFiles {
    private SatScanFiles() {}

    /** One data line of a SaTScan file: its 1-based line number and its tokens. */
    private record Row(int number, String[] tokens) {}

    /** The data lines of a file, comments and blank lines left out, each with its line number. */
    private static List<Row> rows(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String[] t = tokens(line);
            if (t != null) {
                rows.add(new Row(number, t));
            }
        }
        return rows;
    }

    public static List<ScanCase> readCases(Path file) throws IOException {
        return readCases(file, null, null, null);
    }

    /**
     * Reads a case file and checks each row against the coordinates and the study period, so that a
     * bad row is reported with its number.
     *
     * @param knownLocations locations of the coordinates file, or null to skip that check
     * @param studyStart     first day of the study period, or null to skip the date check
     */
    public static List<ScanCase> readCases(Path file, java.util.Set<String> knownLocations, LocalDate studyStart,
            LocalDate studyEnd) throws IOException {
        List<ScanCase> out = new ArrayList<>();
        for (Row r : rows(file)) {
            String[] t = r.tokens();
            int row = r.number();
            if (t.length < 2) {
                throw new ScanInputException(file.toString(), row, "expected 'location count [date]'");
            }
            long count = parseLong(file, row, t[1], "count");
            if (count < 0) {
                throw new ScanInputException(file.toString(), row, "negative count " + count);
            }
            LocalDate date = t.length >= 3 ? parseDate(file, row, t[2]) : null;
            if (knownLocations != null && !knownLocations.contains(t[0])) {
                throw new ScanInputException(file.toString(), row, "unknown location '" + t[0]
                        + "' (not in the coordinates file)");
            }
            if (studyStart != null && date != null && (date.isBefore(studyStart) || date.isAfter(studyEnd))) {
                throw new ScanInputException(file.toString(), row, "date " + date + " is outside the study period "
                        + studyStart + " to " + studyEnd);
            }
            out.add(new ScanCase(t[0], count, date));
        }
        return out;
    }

    public static List<ScanLocation> readCoordinates(Path file) throws IOException {
        List<ScanLocation> out = new ArrayList<>();
        for (Row r : rows(file)) {
            String[] t = r.tokens();
            if (t.length < 3) {
                throw new ScanInputException(file.toString(), r.number(), "expected 'location x y'");
            }
            out.add(new ScanLocation(t[0], parseDouble(file, r.number(), t[1], "x"),
                    parseDouble(file, r.number(), t[2], "y")));
        }
        return out;
    }

    public static Map<String, Double> readPopulation(Path file) throws IOException {
        Map<String, Map<String, Double>> byYear = new LinkedHashMap<>();
        for (Row r : rows(file)) {
            String[] t = r.tokens();
            int row = r.number();
            if (t.length < 2) {
                throw new ScanInputException(file.toString(), row, "expected 'location [year] population'");
            }
            String year = t.length >= 3 ? t[1] : "";
            double pop = parseDouble(file, row, t.length >= 3 ? t[2] : t[1], "population");
            if (pop < 0) {
                throw new ScanInputException(file.toString(), row, "negative population " + pop);
            }
            byYear.computeIfAbsent(t[0], k -> new HashMap<>()).merge(year, pop, Double::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        byYear.forEach((loc, years) -> out.put(loc,
                years.values().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return out;
    }

    private static String[] tokens(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith(";") || s.startsWith("#")) {
            return null;
        }
        return s.split("[\\s,]+");
    }

    static LocalDate parseDate(Path file, int row, String text) {
        String[] p = text.split("[/-]");
        try {
            if (p.length != 3) {
                throw new DateTimeException("not a date");
            }
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (DateTimeException | NumberFormatException e) {
            throw new ScanInputException(file.toString(), row, "bad date '" + text + "' (expected YYYY/MM/DD)");
        }
    }

    private static long parseLong(Path file, int row, String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ScanInputException(file.toString(), row, "bad " + what + " '" + text + "'");
        }
    }

    private static double parseDouble(Path file, int row, String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ScanInputException(file.toString(), row, "bad " + what + " '" + text + "'");
        }
    }
}
