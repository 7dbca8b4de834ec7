package org.ember.model.forecast;

import java.util.List;

/**
 * A spoke's hotspot forecast for the day that has just begun in event time: the cells where most
 * violence is expected over the horizon, highest first, as {@code ember forecast} ranks them from the
 * same events. The latest per spoke is the one to draw.
 *
 * @param type         always {@link #TYPE}
 * @param spoke        spoke id of the deployment
 * @param issuedDay    local date (ISO, e.g. 2025-03-14) of the forecast's origin, 00:00 local time
 * @param origin       that origin, epoch milliseconds
 * @param horizonDays  the forecast covers [origin, origin + horizon)
 * @param trainingDays look-back the method used, before the origin
 * @param method       forecasting method name ("kde", "naive")
 * @param cellMetres   side of the British National Grid cells ranked
 * @param events       training events the ranking rests on
 * @param cells        the top cells, highest expected count first (ties: west, then south first)
 */
public record ForecastRanking(
        String type,
        String spoke,
        String issuedDay,
        long origin,
        int horizonDays,
        int trainingDays,
        String method,
        int cellMetres,
        int events,
        List<RankedCell> cells) implements ForecastMessage {

    public static final String TYPE = "forecast_ranking";

    public ForecastRanking {
        cells = List.copyOf(cells);
    }

    @Override
    public String key() {
        return spoke;
    }

    /**
     * One ranked cell.
     *
     * @param rank     1 = most expected
     * @param cell     grid cell id, e.g. {@code 150m:2124:1177}
     * @param lon      WGS84 longitude of the cell centre
     * @param lat      WGS84 latitude of the cell centre
     * @param expected expected number of events over the horizon
     */
    public record RankedCell(int rank, String cell, double lon, double lat, double expected) {}
}
