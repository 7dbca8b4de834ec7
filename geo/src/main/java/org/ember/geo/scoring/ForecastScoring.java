package org.ember.geo.scoring;

import java.util.ArrayList;
import java.util.Arrays;
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
 * outside every forecast cell are outside the study area and are not counted. The recapture rate
 * index (Levine 2008) compares the flagged cells' share of the events that followed with their share
 * of an earlier period's: RRI = (n/n₀)/(N/N₀); 1 means the flagged cells kept their share.
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
        return score(forecast, events, List.of(), coverage);
    }

    /**
     * Scores the forecast at one coverage, with the recapture rate index against
     * {@code earlierEvents}: the events of the period before the forecast (an empty list gives NaN).
     */
    public ForecastScore score(List<ForecastCell> forecast, List<double[]> events, List<double[]> earlierEvents,
            double coverage) {
        if (forecast.isEmpty()) {
            throw new IllegalArgumentException("empty forecast");
        }
        List<ForecastCell> ordered = new ArrayList<>(forecast);
        // Position order (west, then south) so that index order breaks ties as documented.
        ordered.sort(Comparator.comparingDouble(ForecastCell::x).thenComparingDouble(ForecastCell::y));
        Map<Key, Integer> index = new HashMap<>();
        double[] scores = new double[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            ForecastCell c = ordered.get(i);
            if (index.put(key(c.x(), c.y()), i) != null) {
                throw new IllegalArgumentException("two forecast rows for the cell at " + c.x() + "," + c.y());
            }
            scores[i] = c.score();
        }
        int[] counts = countInto(index, events, ordered.size());
        int[] earlier = earlierEvents.isEmpty() ? null : countInto(index, earlierEvents, ordered.size());
        return score(scores, counts, earlier, coverage);
    }

    private int[] countInto(Map<Key, Integer> index, List<double[]> events, int cells) {
        int[] counts = new int[cells];
        for (double[] e : events) {
            Integer i = index.get(key(e[0], e[1]));
            if (i != null) {
                counts[i]++;
            }
        }
        return counts;
    }

    /**
     * The same scores on cells given by index: {@code scores[i]} is the forecast of cell i,
     * {@code events[i]} the events that followed in it, {@code earlier[i]} (may be null) those of
     * the period before. Ties in score go to the lower index, so index the cells in the documented
     * position order for the same result as the list form. This form does not allocate per cell
     * beyond one sorted copy of the scores, for rolling evaluations over many origins.
     */
    public static ForecastScore score(double[] scores, int[] events, int[] earlier, double coverage) {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        }
        int total = scores.length;
        if (total == 0) {
            throw new IllegalArgumentException("empty forecast");
        }
        if (events.length != total || (earlier != null && earlier.length != total)) {
            throw new IllegalArgumentException("scores and event counts differ in length");
        }
        int flagged = Math.max(1, (int) Math.ceil(coverage * total - 1e-9));
        boolean[] top = topCells(scores, flagged);
        long inside = 0;
        long hits = 0;
        long earlierInside = 0;
        long earlierHits = 0;
        for (int i = 0; i < total; i++) {
            inside += events[i];
            if (top[i]) {
                hits += events[i];
            }
            if (earlier != null) {
                earlierInside += earlier[i];
                if (top[i]) {
                    earlierHits += earlier[i];
                }
            }
        }
        int[] best = events.clone();
        Arrays.sort(best);
        long bestHits = 0;
        for (int i = 0; i < flagged; i++) {
            bestHits += best[total - 1 - i];
        }
        double areaShare = (double) flagged / total;
        double hitRate = inside == 0 ? Double.NaN : (double) hits / inside;
        double pai = hitRate / areaShare;
        double pei = bestHits == 0 ? Double.NaN : (double) hits / bestHits;
        double rri = earlier == null || earlierHits == 0 || inside == 0
                ? Double.NaN
                : ((double) hits / earlierHits) / ((double) inside / earlierInside);
        return new ForecastScore(coverage, flagged, hitRate, pai, pei, rri);
    }

    /** The {@code k} highest scores, ties to the lower index: exact, by a threshold on a sorted copy. */
    static boolean[] topCells(double[] scores, int k) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double threshold = sorted[sorted.length - k];
        boolean[] top = new boolean[scores.length];
        int taken = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold) {
                top[i] = true;
                taken++;
            }
        }
        for (int i = 0; i < scores.length && taken < k; i++) {
            if (scores[i] == threshold) {
                top[i] = true;
                taken++;
            }
        }
        return top;
    }
}
