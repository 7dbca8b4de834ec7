package org.ember.geo.forecast;

/**
 * How a horizon is split into the periods a forecast ranks separately: one period for the whole
 * horizon, day (07:00–19:00) and night, or the 168 hours of the week (Monday 00:00 = 0). Periods
 * read the local wall-clock hour off event times (see {@link EventSeries}).
 */
public enum Periods {
    ALL(1),
    DAY_NIGHT(2),
    HOUR_OF_WEEK(168);

    /** First and last-plus-one hour of "day" in {@link #DAY_NIGHT}. */
    public static final int DAY_START = 7;
    public static final int DAY_END = 19;

    private final int count;

    Periods(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    /** Hour of the week (Monday 00:00–00:59 = 0 … Sunday 23:00 = 167) at time t (days since 1970-01-01, a Thursday). */
    public static int hourOfWeek(double t) {
        double day = Math.floor(t);
        int dayOfWeek = (int) Math.floorMod((long) day + 3, 7L);
        int hour = Math.min(23, (int) Math.floor((t - day) * 24.0));
        return dayOfWeek * 24 + hour;
    }

    /** The period an hour of the week belongs to. */
    public int periodOfHour(int hourOfWeek) {
        return switch (this) {
            case ALL -> 0;
            case DAY_NIGHT -> {
                int h = hourOfWeek % 24;
                yield h >= DAY_START && h < DAY_END ? 0 : 1;
            }
            case HOUR_OF_WEEK -> hourOfWeek;
        };
    }

    public int periodOf(double t) {
        return periodOfHour(hourOfWeek(t));
    }

    public String name(int period) {
        return switch (this) {
            case ALL -> "all";
            case DAY_NIGHT -> period == 0 ? "day" : "night";
            case HOUR_OF_WEEK -> {
                String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
                yield days[period / 24] + String.format(java.util.Locale.ROOT, "%02d", period % 24);
            }
        };
    }

    public static Periods parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> ALL;
            case "daynight", "day-night", "day/night" -> DAY_NIGHT;
            case "hourofweek", "hour-of-week", "how" -> HOUR_OF_WEEK;
            default -> throw new IllegalArgumentException("unknown periods '" + text + "' (all, daynight, hourofweek)");
        };
    }
}
