package org.ember.jobs.forecast;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.ember.deployment.Deployment;
import org.ember.deployment.Spoke;
import org.ember.geo.forecast.ForecastMethod;
import org.ember.geo.forecast.NaiveCounts;
import org.ember.geo.forecast.TimeWeightedKde;

/**
 * How the stream ranks each spoke's cells once a day.
 *
 * @param spokeOfLad   local authority code → spoke id; incidents in other areas are not forecast
 * @param method       "kde" (time-weighted quartic KDE) or "naive" (counts over the training window)
 * @param cellMetres   side of the ranked cells (150 m: the "Grip" patrol cell)
 * @param horizonDays  days the ranking covers from its origin
 * @param trainingDays look-back before the origin; also how long an event stays in keyed state
 * @param top          cells published per ranking
 * @param bandwidth    KDE bandwidth, metres
 * @param decayDays    KDE time weight exp(−age/τ), τ in days
 * @param zone         the deployment's clock: days begin at its midnight, and event times are read
 *                     as local wall-clock times, as {@code ember forecast} reads them
 */
public record ForecastSettings(Map<String, String> spokeOfLad, String method, int cellMetres, int horizonDays,
        int trainingDays, int top, double bandwidth, double decayDays, String zone) implements Serializable {

    public ForecastSettings {
        spokeOfLad = Map.copyOf(spokeOfLad);
        if (!method.equals("kde") && !method.equals("naive")) {
            throw new IllegalArgumentException("the stream forecasts with kde or naive, not '" + method + "'");
        }
        if (cellMetres <= 0 || horizonDays <= 0 || trainingDays <= 0 || top <= 0) {
            throw new IllegalArgumentException("cell, horizon, training and top must be positive");
        }
        ZoneId.of(zone);
    }

    /** The defaults of {@code ember forecast} (KDE, 150 m, 7 days ahead, 365 days back), top 50, per spoke. */
    public static ForecastSettings of(Deployment deployment) {
        Map<String, String> spokes = new HashMap<>();
        for (Spoke spoke : deployment.spokes()) {
            for (String lad : spoke.lads()) {
                spokes.put(lad, spoke.id());
            }
        }
        return new ForecastSettings(spokes, "kde", 150, 7, 365, 50, 300, 90, "Europe/London");
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** The geo method that ranks, the same object {@code ember forecast --method} uses. */
    public ForecastMethod forecastMethod() {
        return method.equals("kde") ? new TimeWeightedKde(bandwidth, decayDays) : new NaiveCounts(0);
    }
}
