package org.ember.infra.cli.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.ember.geo.crs.CrsTransform;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.forecast.EventSeries;
import org.ember.infra.cli.UserError;

/**
 * Reads event files for {@code ember forecast} in the layouts found in {@code ../shared/data}
 * (plain or gzipped CSV; a directory means every *.csv and *.csv.gz in it):
 * <ul>
 * <li>{@code xyt}: columns x, y (projected metres) and t (ISO local date-time or date);</li>
 * <li>{@code policeuk}: data.police.uk street-level files (Month, Longitude, Latitude, Crime type):
 *   month resolution, each event placed at the middle of its month; filtered by crime type;</li>
 * <li>{@code chicago}: crimemappingdata's Chicago file (date "yyyy-MM-dd HH:mm", longitude, latitude);</li>
 * <li>{@code nypd}: NYPD Shooting Incident Data (OCCUR_DATE MM/dd/yyyy, OCCUR_TIME H:mm:ss, Latitude,
 *   Longitude), one row per victim: rows are collapsed to one event per INCIDENT_KEY.</li>
 * </ul>
 * {@code auto} tells them apart by header. Longitudes and latitudes are projected to the format's
 * metric CRS (British National Grid EPSG:27700, NAD83 Illinois East EPSG:26971, NAD83 New York
 * Long Island EPSG:32118) unless {@code --crs} names another. Rows without coordinates are skipped
 * and counted. Times are local wall-clock times.
 */
final class EventFile {
    record Loaded(EventSeries events, String crs, int skipped, String format) {}

    private EventFile() {}

    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().matches(".*\\.csv(\\.gz)?")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UserError("cannot list " + p + " (" + e.getMessage() + ")");
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new UserError("no event files in " + paths);
        }
        return files;
    }

    static Loaded read(List<Path> paths, String format, String crsOverride, String crimeType) {
        List<double[]> rows = new ArrayList<>();
        String detected = null;
        int skipped = 0;
        String crs = crsOverride;
        CrsTransform transform = null;
        Set<String> incidents = new HashSet<>();
        for (Path file : expand(paths)) {
            try (BufferedReader in = open(file)) {
                String headerLine = in.readLine();
                if (headerLine == null) {
                    throw new UserError(file + ": empty file");
                }
                List<String> header = split(headerLine.replace("\uFEFF", ""));
                String f = format.equals("auto") ? detect(file, header) : format;
                if (detected != null && !detected.equals(f)) {
                    throw new UserError(file + ": a " + f + " file among " + detected + " files");
                }
                detected = f;
                if (crs == null) {
                    crs = switch (f) {
                        case "policeuk" -> "EPSG:27700";
                        case "chicago" -> "EPSG:26971";
                        case "nypd" -> "EPSG:32118";
                        default -> null;
                    };
                }
                if (transform == null && crs != null && !f.equals("xyt")) {
                    try {
                        transform = new CrsTransform(crs);
                    } catch (IllegalArgumentException e) {
                        throw new UserError("--crs: " + e.getMessage());
                    }
                }
                Columns c = Columns.of(file, f, header);
                String line;
                int lineNo = 1;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> v = split(line);
                    if (v.size() < header.size()) {
                        throw new UserError(file + ":" + lineNo + ": " + v.size() + " fields, the header has " + header.size());
                    }
                    if (f.equals("policeuk") && crimeType != null && !v.get(c.type).equalsIgnoreCase(crimeType)) {
                        continue;
                    }
                    if (f.equals("nypd") && !incidents.add(v.get(c.key))) {
                        continue;
                    }
                    if (v.get(c.x).isBlank() || v.get(c.y).isBlank()) {
                        skipped++;
                        continue;
                    }
                    double x;
                    double y;
                    double t;
                    try {
                        x = Double.parseDouble(v.get(c.x));
                        y = Double.parseDouble(v.get(c.y));
                        t = time(f, v, c);
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw new UserError(file + ":" + lineNo + ": cannot read the coordinates or time (" + e.getMessage() + ")");
                    }
                    if (transform != null) {
                        ProjectedPoint p = transform.project(x, y);
                        x = p.x();
                        y = p.y();
                    }
                    rows.add(new double[] {x, y, t});
                }
            } catch (NoSuchFileException e) {
                throw new UserError(file + ": no such file");
            } catch (IOException e) {
                throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
            }
        }
        if (rows.isEmpty()) {
            throw new UserError("no events with coordinates in " + paths
                    + (crimeType != null ? " (crime type '" + crimeType + "')" : ""));
        }
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        double[] t = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)[0];
            y[i] = rows.get(i)[1];
            t[i] = rows.get(i)[2];
        }
        return new Loaded(new EventSeries(x, y, t, "policeuk".equals(detected)), crs, skipped, detected);
    }

    private record Columns(int x, int y, int t, int t2, int type, int key) {
        static Columns of(Path file, String format, List<String> header) {
            return switch (format) {
                case "xyt" -> new Columns(find(file, header, "x"), find(file, header, "y"), find(file, header, "t"), -1, -1, -1);
                case "policeuk" -> new Columns(find(file, header, "Longitude"), find(file, header, "Latitude"),
                        find(file, header, "Month"), -1, find(file, header, "Crime type"), -1);
                case "chicago" -> new Columns(find(file, header, "longitude"), find(file, header, "latitude"),
                        find(file, header, "date"), -1, -1, -1);
                case "nypd" -> new Columns(find(file, header, "Longitude"), find(file, header, "Latitude"),
                        find(file, header, "OCCUR_DATE"), find(file, header, "OCCUR_TIME"), -1, find(file, header, "INCIDENT_KEY"));
                default -> throw new UserError("--format: unknown format '" + format + "' (auto, xyt, policeuk, chicago, nypd)");
            };
        }
    }

    private static int find(Path file, List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new UserError(file + ": no '" + name + "' column (header: " + String.join(",", header) + ")");
    }

    private static String detect(Path file, List<String> header) {
        Set<String> h = new HashSet<>();
        for (String s : header) {
            h.add(s.trim().toLowerCase(Locale.ROOT));
        }
        if (h.contains("month") && h.contains("crime type")) {
            return "policeuk";
        }
        if (h.contains("occur_date") && h.contains("incident_key")) {
            return "nypd";
        }
        if (h.contains("date") && h.contains("longitude") && h.contains("latitude")) {
            return "chicago";
        }
        if (h.contains("x") && h.contains("y") && h.contains("t")) {
            return "xyt";
        }
        throw new UserError(file + ": cannot tell the format from the header; give --format");
    }

    private static final DateTimeFormatter CHICAGO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
    private static final DateTimeFormatter US_TIME = DateTimeFormatter.ofPattern("H:mm:ss", Locale.ROOT);

    private static double time(String format, List<String> v, Columns c) {
        String text = v.get(c.t).trim();
        return switch (format) {
            case "policeuk" -> {
                YearMonth month = YearMonth.parse(text);
                yield month.atDay(1).toEpochDay() + month.lengthOfMonth() / 2.0;
            }
            case "chicago" -> days(LocalDateTime.parse(text, CHICAGO));
            case "nypd" -> days(LocalDate.parse(text, US_DATE).atTime(LocalTime.parse(v.get(c.t2).trim(), US_TIME)));
            default -> parseTime(text);
        };
    }

    static double parseTime(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).toEpochDay();
        }
        return days(LocalDateTime.parse(text));
    }

    static double days(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) / 86400.0;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Splits a CSV line with double-quoted fields ("" for a quote). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }
}
