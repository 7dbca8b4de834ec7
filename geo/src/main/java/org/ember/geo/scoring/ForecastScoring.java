package org.ember.geo.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hit rate, PAI and PEI of a ranked grid forecast against the events that followed.
 *
 * <p>The study area A is the forecast's N cells (all of size cell × cell). The top
 * k = ⌈coverage·N⌉ cells by score (ties broken by position, west then south, for a deterministic
 * result) are flagged, a = k cells. With N_e events inside the study area and n of them in flagged
 * cells: hit rate = n/N_e, PAI = (n/N_e)/(a/A) and PEI = PAI/PAI* where PAI* uses n* = the events in
 * the k cells that had the most events (the best any k cells could do), so PEI = n/n*. Events
 * outside every forecast cell are outside the study area and are not counted.
 */
public final class ForecastScoring {
    private final double cellSize;

    public ForecastScoring(double cellSize) {
        if (!(cellSize > 0)) {
            throw new IllegalArgumentException("cell size must be positive");
        }
        this.cellSize = cellSize;
    }

    private record Key(long i, long j) {}

    private Key key(double x, double y) {
        return new Key((long) Math.floor(x / cellSize), (long) Math.floor(y / cellSize));
    }

    /** Scores the forecast at one coverage (0 &lt; coverage ≤ 1). */
    public ForecastScore score(List<ForecastCell> forecast, List<double[]> events, double coverage) {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        }
        if (forecast.isEmpty()) {
            throw new IllegalArgumentException("empty forecast");
        }
        Map<Key, Integer> eventsPerCell = new HashMap<>();
        for (ForecastCell c : forecast) {
            if (eventsPerCell.put(key(c.x(), c.y()), 0) != null) {
                throw new IllegalArgumentException("two forecast rows for the cell at " + c.x() + "," + c.y());
            }
        }
        int inside = 0;
        for (double[] e : events) {
            Key k = key(e[0], e[1]);
            Integer n = eventsPerCell.get(k);
            if (n != null) {
                eventsPerCell.put(k, n + 1);
                inside++;
            }
        }
        List<ForecastCell> ranked = new ArrayList<>(forecast);
        ranked.sort(Comparator.comparingDouble(ForecastCell::score).reversed()
                .thenComparingDouble(ForecastCell::x).thenComparingDouble(ForecastCell::y));
        int total = ranked.size();
        int flagged = Math.max(1, (int) Math.ceil(coverage * total - 1e-9));
        int hits = 0;
        for (int i = 0; i < flagged; i++) {
            hits += eventsPerCell.get(key(ranked.get(i).x(), ranked.get(i).y()));
        }
        List<Integer> best = new ArrayList<>(eventsPerCell.values());
        best.sort(Comparator.reverseOrder());
        int bestHits = 0;
        for (int i = 0; i < flagged; i++) {
            bestHits += best.get(i);
        }
        double areaShare = (double) flagged / total;
        double hitRate = inside == 0 ? Double.NaN : (double) hits / inside;
        double pai = hitRate / areaShare;
        double pei = bestHits == 0 ? Double.NaN : (double) hits / bestHits;
        return new ForecastScore(coverage, flagged, hitRate, pai, pei);
    }
}
