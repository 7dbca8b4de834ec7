package org.ember.jobs.forecast;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.forecast.EventSeries;
import org.ember.geo.forecast.ForecastWindow;
import org.ember.geo.forecast.Periods;
import org.ember.geo.forecast.StudyRegion;
import org.ember.geo.grid.GridCell;
import org.ember.model.forecast.ForecastRanking;
import org.ember.model.forecast.ForecastRanking.RankedCell;

/**
 * A spoke's ranking for one day, computed exactly as {@code ember forecast --at DAY --cell C
 * --horizon Hd --training Td --periods all --region hull} computes it from a file of the same
 * events before the day: the study region is the convex hull of those events, and the ranking is
 * the geo method's, highest expected count first, ties to the cell further west then south.
 */
public final class DailyRanking {
    private DailyRanking() {}

    /** The ranking issued at local midnight of {@code day}, or null when no event lies in its training window. */
    public static ForecastRanking rank(String spoke, Collection<LookbackEvent> lookback, long day, ForecastSettings settings) {
        double origin = day;
        List<LookbackEvent> training = new ArrayList<>();
        for (LookbackEvent e : lookback) {
            if (e.t() < origin && e.t() >= origin - settings.trainingDays()) {
                training.add(e);
            }
        }
        if (training.isEmpty()) {
            return null;
        }
        double[] x = new double[training.size()];
        double[] y = new double[training.size()];
        double[] t = new double[training.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = training.get(i).x();
            y[i] = training.get(i).y();
            t[i] = training.get(i).t();
        }
        EventSeries series = new EventSeries(x, y, t, false);
        StudyRegion region = StudyRegion.convexHull(series, settings.cellMetres());
        ForecastWindow window = new ForecastWindow(origin, origin + settings.horizonDays(), settings.trainingDays(),
                Periods.ALL);
        double[] expected = settings.forecastMethod().forecast(series, region, window)[0];
        List<RankedCell> cells = new ArrayList<>();
        for (int c : topCells(expected, settings.top())) {
            GridCell cell = new GridCell(settings.cellMetres(), region.column(c), region.row(c));
            LonLat centre = BritishNationalGrid.toWgs84(cell.centreX(), cell.centreY());
            cells.add(new RankedCell(cells.size() + 1, cell.id(), centre.lon(), centre.lat(), expected[c]));
        }
        ZoneId zone = settings.zoneId();
        return new ForecastRanking(ForecastRanking.TYPE, spoke, LocalDate.ofEpochDay(day).toString(),
                ForecastLookback.startOfDay(day, zone), settings.horizonDays(), settings.trainingDays(),
                settings.method(), settings.cellMetres(), training.size(), cells);
    }

    /**
     * Indices of the {@code top} highest values, highest first; equal values keep the region's order
     * (west to east, then south to north), the scorer's tie rule. Cells expecting nothing are left out.
     */
    static int[] topCells(double[] expected, int top) {
        return java.util.stream.IntStream.range(0, expected.length)
                .filter(c -> expected[c] > 0)
                .boxed()
                .sorted((a, b) -> {
                    int byValue = Double.compare(expected[b], expected[a]);
                    return byValue != 0 ? byValue : Integer.compare(a, b);
                })
                .limit(top)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
