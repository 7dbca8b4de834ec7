package org.ember.geo.forecast;

/**
 * A hotspot forecasting method: the expected number of events in each cell of the region for each
 * period of the window, from the events before the window's origin. Implementations must not read
 * events at or after the origin.
 */
public interface ForecastMethod {
    /** Short name used on the command line and in tables. */
    String name();

    /** {@code [period][cell]} expected counts. */
    double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window);
}
