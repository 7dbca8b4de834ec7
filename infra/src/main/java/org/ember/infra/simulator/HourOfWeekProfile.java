package org.ember.infra.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * How violence spreads over the 168 hours of a week, as weights summing to one. police.uk gives
 * only the month of a crime, so the simulator borrows the weekly rhythm of a real timestamped
 * assault series (Chicago aggravated assaults 2010–2019, minute resolution, local time): counting
 * by (day of week, hour) and normalising keeps the Friday and Saturday night peaks and the quiet
 * weekday mornings without inventing a curve by hand.
 */
public final class HourOfWeekProfile {
    public static final int HOURS_PER_WEEK = 168;
    /** The series shipped in the shared data directory. */
    public static final String CHICAGO_ASSAULTS = "event_streams/chicago_aggravated_assaults_2010-2019.csv.gz";

    private final double[] weights;
    private final long events;

    private HourOfWeekProfile(double[] weights, long events) {
        this.weights = weights;
        this.events = events;
    }

    /** Reads the Chicago aggravated-assault series below a data directory. */
    public static HourOfWeekProfile fromChicagoAssaults(Path dataDir) {
        return fromGzipCsv(dataDir.resolve(CHICAGO_ASSAULTS));
    }

    /** Reads a gzipped CSV whose first column is a local time "YYYY-MM-DD HH:MM". */
    public static HourOfWeekProfile fromGzipCsv(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return fromCsv(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Counts the rows of a CSV with a header line and a first column "YYYY-MM-DD HH:MM". Rows whose
     * time does not parse are an error: a silently skewed profile would be worse than none.
     */
    public static HourOfWeekProfile fromCsv(Reader csv) throws IOException {
        long[] counts = new long[HOURS_PER_WEEK];
        BufferedReader reader = new BufferedReader(csv);
        String header = reader.readLine();
        if (header == null) {
            throw new IllegalArgumentException("empty event file");
        }
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 16 || line.charAt(10) != ' ' || line.charAt(13) != ':') {
                throw new IllegalArgumentException("line " + lineNumber + ": expected a time 'YYYY-MM-DD HH:MM', got '"
                        + line.substring(0, Math.min(line.length(), 16)) + "'");
            }
            try {
                DayOfWeek day = LocalDate.parse(line.substring(0, 10)).getDayOfWeek();
                int hour = Integer.parseInt(line.substring(11, 13));
                if (hour > 23) {
                    throw new IllegalArgumentException("line " + lineNumber + ": hour " + hour + " out of range");
                }
                counts[index(day, hour)]++;
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNumber + ": bad time '" + line.substring(0, 16) + "'", e);
            }
        }
        return fromCounts(counts);
    }

    /** Normalises 168 counts, Monday 00:00 first. */
    public static HourOfWeekProfile fromCounts(long[] counts) {
        if (counts.length != HOURS_PER_WEEK) {
            throw new IllegalArgumentException("expected " + HOURS_PER_WEEK + " counts, got " + counts.length);
        }
        long total = Arrays.stream(counts).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("no events to derive an hour-of-week profile from");
        }
        double[] weights = new double[HOURS_PER_WEEK];
        for (int i = 0; i < HOURS_PER_WEEK; i++) {
            weights[i] = (double) counts[i] / total;
        }
        return new HourOfWeekProfile(weights, total);
    }

    /** Index of an hour of the week: Monday 00:00–00:59 is 0, Sunday 23:00–23:59 is 167. */
    public static int index(DayOfWeek day, int hour) {
        return (day.getValue() - 1) * 24 + hour;
    }

    /** Share of a week's events in this hour of this day. */
    public double weight(DayOfWeek day, int hour) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, was " + hour);
        }
        return weights[index(day, hour)];
    }

    /** The 168 weights, Monday 00:00 first (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** How many events the profile was derived from. */
    public long events() {
        return events;
    }
}
