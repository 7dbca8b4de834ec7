package org.ember.geo.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * School terms, holidays, half-terms and exam periods per local authority, from a CSV with the
 * columns {@code local_authority, la_code, police_force_area, academic_year, period, start_date,
 * end_date, date_semantics, …} (as /shared/data/calendar/school_term_dates_transcribed.csv).
 *
 * <p>{@code date_semantics} says how to read the dates:
 * <ul>
 *   <li>"term start/end (inclusive)" — a term, both days in term;
 *   <li>"… holiday (inclusive)" — a holiday (a half-term if the period name says "half");
 *   <li>"start_date=schools close; end_date=schools open" — the holiday is the days strictly between;
 *   <li>"start_date=schools close" with no end — an open-ended holiday from the next day;
 *   <li>"schools open on end_date" with no start — the academic year's teaching starts that day;
 *       together with the next open-ended (summer) holiday this makes a term span;
 *   <li>"single day" — a one-day closure.
 * </ul>
 * A period whose name mentions "exam" is an exam period. Precedence on a day: exams, half-term,
 * holiday, term.
 */
public final class SchoolCalendar {
    private final List<SchoolPeriod> periods;

    public SchoolCalendar(List<SchoolPeriod> periods) {
        this.periods = List.copyOf(periods);
    }

    public List<SchoolPeriod> periods() {
        return periods;
    }

    /** This calendar plus more periods (e.g. exam windows from configuration). */
    public SchoolCalendar with(List<SchoolPeriod> more) {
        List<SchoolPeriod> all = new ArrayList<>(periods);
        all.addAll(more);
        return new SchoolCalendar(all);
    }

    public SchoolStatus status(String laCode, LocalDate date) {
        SchoolStatus best = SchoolStatus.UNKNOWN;
        for (SchoolPeriod p : periods) {
            if (p.laCode().equals(laCode) && p.contains(date) && rank(p.kind()) > rank(best)) {
                best = p.kind();
            }
        }
        return best;
    }

    private static int rank(SchoolStatus s) {
        return switch (s) {
            case EXAMS -> 4;
            case HALF_TERM -> 3;
            case HOLIDAY -> 2;
            case TERM -> 1;
            case UNKNOWN -> 0;
        };
    }

    /** Reads the CSV; errors name the file and row. */
    public static SchoolCalendar read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty file");
        }
        List<String> header = Arrays.asList(splitCsv(lines.get(0)));
        int la = column(file, header, "la_code");
        int year = column(file, header, "academic_year");
        int period = column(file, header, "period");
        int start = column(file, header, "start_date");
        int end = column(file, header, "end_date");
        int semantics = column(file, header, "date_semantics");
        List<SchoolPeriod> out = new ArrayList<>();
        List<SchoolPeriod> termStarts = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] c = splitCsv(lines.get(r));
            if (c.length < header.size() - 2) {
                throw new IOException(file + " row " + (r + 1) + ": expected " + header.size() + " columns");
            }
            String name = c[period];
            String sem = c[semantics].toLowerCase(Locale.ROOT);
            LocalDate first = date(file, r + 1, c[start]);
            LocalDate last = date(file, r + 1, c[end]);
            boolean half = name.toLowerCase(Locale.ROOT).contains("half");
            boolean exam = name.toLowerCase(Locale.ROOT).contains("exam");
            SchoolStatus holiday = exam ? SchoolStatus.EXAMS : half ? SchoolStatus.HALF_TERM : SchoolStatus.HOLIDAY;
            if (sem.startsWith("term start/end")) {
                out.add(new SchoolPeriod(c[la], c[year], name, exam ? SchoolStatus.EXAMS : SchoolStatus.TERM, first,
                        last));
            } else if (sem.contains("schools open on end_date")) {
                termStarts.add(new SchoolPeriod(c[la], c[year], name, SchoolStatus.TERM, last, null));
            } else if (sem.contains("start_date=schools close; end_date=schools open")) {
                out.add(new SchoolPeriod(c[la], c[year], name, holiday, first.plusDays(1), last.minusDays(1)));
            } else if (sem.contains("start_date=schools close")) {
                out.add(new SchoolPeriod(c[la], c[year], name, holiday, first.plusDays(1), null));
            } else if (sem.contains("single day") || sem.contains("holiday")) {
                out.add(new SchoolPeriod(c[la], c[year], name, holiday, first, last == null ? first : last));
            } else {
                throw new IOException(file + " row " + (r + 1) + ": unknown date_semantics '" + c[semantics] + "'");
            }
        }
        // A "teaching starts" marker runs until the summer holiday of the same academic year.
        for (SchoolPeriod startMarker : termStarts) {
            LocalDate until = null;
            for (SchoolPeriod p : out) {
                if (p.laCode().equals(startMarker.laCode()) && p.academicYear().equals(startMarker.academicYear())
                        && p.last() == null) {
                    until = p.first().minusDays(1);
                }
            }
            out.add(new SchoolPeriod(startMarker.laCode(), startMarker.academicYear(), startMarker.name(),
                    SchoolStatus.TERM, startMarker.first(), until));
        }
        // Close open-ended holidays at the next term start of the same authority (else 31 August).
        List<SchoolPeriod> closed = new ArrayList<>();
        for (SchoolPeriod p : out) {
            if (p.last() == null && p.kind() != SchoolStatus.TERM) {
                LocalDate next = null;
                for (SchoolPeriod q : out) {
                    if (q.laCode().equals(p.laCode()) && q.kind() == SchoolStatus.TERM && q.first().isAfter(p.first())
                            && (next == null || q.first().isBefore(next))) {
                        next = q.first();
                    }
                }
                LocalDate end31Aug = LocalDate.of(p.first().getYear(), 8, 31);
                closed.add(new SchoolPeriod(p.laCode(), p.academicYear(), p.name(), p.kind(), p.first(),
                        next != null ? next.minusDays(1) : end31Aug));
            } else {
                closed.add(p);
            }
        }
        return new SchoolCalendar(closed);
    }

    private static int column(Path file, List<String> header, String name) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(file + " row 1: missing column " + name);
        }
        return i;
    }

    private static LocalDate date(Path file, int row, String text) throws IOException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IOException(file + " row " + row + ": bad date '" + text + "'", e);
        }
    }

    /** Splits one CSV line (RFC 4180 quotes). */
    static String[] splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cells.add(cur.toString());
        return cells.toArray(new String[0]);
    }
}
