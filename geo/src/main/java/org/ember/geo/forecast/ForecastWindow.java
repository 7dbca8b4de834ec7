package org.ember.geo.forecast;

/**
 * What is forecast: the events of [{@code origin}, {@code end}) (days since 1970-01-01, local wall
 * clock) in each period of {@code periods}, from the events before {@code origin} only, the last
 * {@code trainingDays} of them.
 */
public record ForecastWindow(double origin, double end, double trainingDays, Periods periods) {
    public ForecastWindow {
        if (!(end > origin)) {
            throw new IllegalArgumentException("the horizon must end after the origin");
        }
        if (!(trainingDays > 0)) {
            throw new IllegalArgumentException("training days must be positive, got " + trainingDays);
        }
    }

    public double horizonDays() {
        return end - origin;
    }

    public double trainingStart() {
        return origin - trainingDays;
    }

    /** The same window moved to another origin (same horizon length and training length). */
    public ForecastWindow at(double newOrigin, double newEnd) {
        return new ForecastWindow(newOrigin, newEnd, trainingDays, periods);
    }
}
