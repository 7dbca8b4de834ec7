package org.ember.geo.forecast;

/**
 * The reference every hotspot forecast must beat: each cell's count over the look-back before the
 * origin, scaled to the horizon (expected = count × horizon / look-back), split into periods by the
 * look-back's hour-of-week profile. "Prior hot spots" in Chainey, Tompson &amp; Uhlig (2008) and
 * the "naive" baseline of Mohler et al. (2015, JASA 110:1399).
 */
public final class NaiveCounts implements ForecastMethod {
    private final double lookbackDays;

    /** @param lookbackDays look-back in days; 0 or less means the window's training length */
    public NaiveCounts(double lookbackDays) {
        this.lookbackDays = lookbackDays;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window) {
        double lookback = lookbackDays > 0 ? lookbackDays : window.trainingDays();
        double from = window.origin() - lookback;
        double[] totals = new double[region.size()];
        double scale = window.horizonDays() / lookback;
        for (int i = events.firstAtOrAfter(from); i < events.size() && events.t(i) < window.origin(); i++) {
            int c = region.indexOfPoint(events.x(i), events.y(i));
            if (c >= 0) {
                totals[c] += scale;
            }
        }
        return HourOfWeekProfile.of(events, from, window.origin()).split(totals, window);
    }
}
