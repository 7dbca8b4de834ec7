package org.ember.infra.cli.stats;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ember.infra.cli.UserError;

/**
 * A CSV file with a header line, read whole, for the {@code ember stats} commands. Fields may be
 * quoted ("a, b" and "" for a quote), surrounding blanks are trimmed, blank lines are skipped and a
 * UTF-8 byte order mark is ignored. Columns are found by header name (case-insensitive); every
 * problem — missing file, empty file, missing column, short row, a value that does not parse — is
 * a {@link UserError} naming the file, the row and the column, so the command
 * prints one line and exits 2.
 *
 * <p>Rows are numbered from 1 for the first data row; messages also give the line in the file.
 * Times ({@link #days}) may be decimal days, ISO dates (2025-03-01), ISO local date-times
 * (2025-03-01T18:30) or ISO instants/offset date-times; dates become days since 1970-01-01 (UTC),
 * with the time of day as the fraction.
 */
public final class CsvTable {
    /** A column of this table, found by name. */
    public record Column(String name, int index) {}

    private final String file;
    private final List<String> header;
    private final List<String[]> rows;
    private final List<Integer> lines;

    private CsvTable(String file, List<String> header, List<String[]> rows, List<Integer> lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads {@code path}; fails on a missing or empty file and on rows whose field count differs from the header. */
    public static CsvTable read(Path path) {
        String file = path.toString();
        List<String> text;
        try {
            text = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new UserError(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        int first = 0;
        while (first < text.size() && text.get(first).isBlank()) {
            first++;
        }
        if (first == text.size()) {
            throw new UserError(file + " is empty: expected a header line");
        }
        String headerLine = text.get(first);
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = new ArrayList<>();
        for (String name : split(headerLine, file, first + 1)) {
            header.add(name);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = first + 1; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            String[] fields = split(text.get(i), file, i + 1);
            if (fields.length != header.size()) {
                throw new UserError(file + " row " + (rows.size() + 1) + " (line " + (i + 1) + "): "
                        + fields.length + " fields, but the header has " + header.size());
            }
            rows.add(fields);
            lines.add(i + 1);
        }
        return new CsvTable(file, Collections.unmodifiableList(header), rows, lines);
    }

    public String file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Fails unless the file has at least {@code minimum} data rows. */
    public CsvTable requireRows(int minimum) {
        if (rows.size() < minimum) {
            throw new UserError(file + " has " + rows.size() + " data row" + (rows.size() == 1 ? "" : "s")
                    + ", at least " + minimum + " needed");
        }
        return this;
    }

    /** The column named {@code name} (case-insensitive); {@code flag} is the option that overrides the name. */
    public Column column(String name, String flag) {
        return optionalColumn(name).orElseThrow(() -> new UserError(file + ": no column '" + name
                + "' (columns: " + String.join(", ", header) + "; choose another with " + flag + ")"));
    }

    public Optional<Column> optionalColumn(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return Optional.of(new Column(header.get(i), i));
            }
        }
        return Optional.empty();
    }

    /** The raw (trimmed) text; fails if empty. */
    public String text(int row, Column column) {
        String value = rows.get(row)[column.index()];
        if (value.isEmpty()) {
            throw fieldError(row, column, "is empty");
        }
        return value;
    }

    /** A finite decimal number. */
    public double number(int row, Column column) {
        String value = text(row, column);
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw fieldError(row, column, "'" + value + "' is not a finite number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw fieldError(row, column, "'" + value + "' is not a number");
        }
    }

    /** A whole number. */
    public long integer(int row, Column column) {
        String value = text(row, column);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw fieldError(row, column, "'" + value + "' is not a whole number");
        }
    }

    /** An ISO date (yyyy-MM-dd). */
    public LocalDate date(int row, Column column) {
        String value = text(row, column);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw fieldError(row, column, "'" + value + "' is not an ISO date (yyyy-MM-dd)");
        }
    }

    /** A time in days: decimal days as they are, ISO dates and date-times as days since 1970-01-01. */
    public double days(int row, Column column) {
        String value = text(row, column);
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // not a plain number: try the ISO forms below
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).toEpochDay();
            }
            String upper = value.toUpperCase(Locale.ROOT);
            if (upper.endsWith("Z") || upper.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                Instant instant = upper.endsWith("Z") ? Instant.parse(upper) : OffsetDateTime.parse(value).toInstant();
                return instant.getEpochSecond() / 86_400.0 + instant.getNano() / 86_400e9;
            }
            LocalDateTime dateTime = LocalDateTime.parse(value);
            return dateTime.toLocalDate().toEpochDay() + dateTime.toLocalTime().toNanoOfDay() / 86_400e9;
        } catch (DateTimeParseException e) {
            throw fieldError(row, column, "'" + value + "' is neither decimal days nor an ISO date or date-time");
        }
    }

    /** All values of a numeric column. */
    public double[] numbers(Column column) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = number(r, column);
        }
        return values;
    }

    /** All values of a time column, in days. */
    public double[] days(Column column) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = days(r, column);
        }
        return values;
    }

    /** All values of a text column. */
    public List<String> texts(Column column) {
        List<String> values = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            values.add(text(r, column));
        }
        return values;
    }

    /** A problem with one field, as a user error: "file row R (line L), column 'c': message". */
    public UserError fieldError(int row, Column column, String message) {
        return new UserError(file + " row " + (row + 1) + " (line " + lines.get(row) + "), column '"
                + column.name() + "': " + message);
    }

    private static String[] split(String line, String file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new UserError(file + " line " + lineNumber + ": a quoted field is not closed");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields.toArray(new String[0]);
    }
}
