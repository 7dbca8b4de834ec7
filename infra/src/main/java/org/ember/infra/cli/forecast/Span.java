package org.ember.infra.cli.forecast;

import java.time.LocalDate;
import java.util.Locale;
import org.ember.infra.cli.UserError;

/** A length of time on the command line: {@code 12h}, {@code 7d}, {@code 2w}, {@code 365d} or whole calendar months {@code 1mo}. */
record Span(double days, int months, String text) {
    static Span parse(String flag, String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("mo")) {
                int m = Integer.parseInt(s.substring(0, s.length() - 2));
                if (m > 0) {
                    return new Span(0, m, text);
                }
            } else {
                double unit = switch (s.charAt(s.length() - 1)) {
                    case 'h' -> 1.0 / 24;
                    case 'd' -> 1.0;
                    case 'w' -> 7.0;
                    default -> throw new NumberFormatException();
                };
                double v = Double.parseDouble(s.substring(0, s.length() - 1)) * unit;
                if (v > 0 && Double.isFinite(v)) {
                    return new Span(v, 0, text);
                }
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new UserError(flag + ": '" + text + "' is not a positive length like 12h, 7d, 2w or 1mo");
    }

    /** The time {@code origin} (days since 1970) plus this span; months add calendar months to the date. */
    double after(double origin) {
        if (months == 0) {
            return origin + days;
        }
        LocalDate d = LocalDate.ofEpochDay((long) Math.floor(origin));
        return d.plusMonths(months).toEpochDay() + (origin - Math.floor(origin));
    }

    double before(double origin) {
        if (months == 0) {
            return origin - days;
        }
        LocalDate d = LocalDate.ofEpochDay((long) Math.floor(origin));
        return d.minusMonths(months).toEpochDay() + (origin - Math.floor(origin));
    }

    /** Approximate length in days (months as 365.25/12), for training windows. */
    double approxDays() {
        return months == 0 ? days : months * 365.25 / 12;
    }
}
