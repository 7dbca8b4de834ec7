package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A {@code date,count} CSV series for the aberration commands: ISO dates, non-negative whole
 * counts, dates increasing by exactly {@code stepDays} (1 for daily, 7 for weekly) so that the
 * detectors' lags are what they say. Every problem is a user error naming the file and row.
 */
record DatedCounts(LocalDate[] dates, long[] counts) {

    static DatedCounts read(Path file, int stepDays, int minimumRows) {
        CsvTable table = CsvTable.read(file);
        CsvTable.Column date = table.column("date", "a 'date' header");
        CsvTable.Column count = table.column("count", "a 'count' header");
        LocalDate[] dates = new LocalDate[table.rowCount()];
        long[] counts = new long[table.rowCount()];
        for (int r = 0; r < dates.length; r++) {
            dates[r] = table.date(r, date);
            counts[r] = table.integer(r, count);
            if (counts[r] < 0) {
                throw table.fieldError(r, count, "negative count " + counts[r]);
            }
            if (r > 0 && ChronoUnit.DAYS.between(dates[r - 1], dates[r]) != stepDays) {
                throw table.fieldError(r, date, dates[r] + " does not follow " + dates[r - 1] + " by "
                        + stepDays + (stepDays == 1 ? " day" : " days") + " (fill missing periods with 0)");
            }
        }
        // Rows are checked first so that a bad row is reported even in a short file.
        table.requireRows(minimumRows);
        return new DatedCounts(dates, counts);
    }
}
