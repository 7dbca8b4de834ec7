package org.ember.geo.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.scoring.ForecastScore;
import org.ember.geo.scoring.ForecastScoring;

/**
 * Rolling-origin evaluation (Tashman 2000): at each origin the methods forecast the next horizon
 * from the training window before it; the events that followed score the ranking with
 * {@link ForecastScoring} (hit rate, PAI, PEI and the recapture rate index against the horizon-long
 * period just before the origin) at each coverage, per period. The ensemble learns its weights at
 * each origin from the member forecasts and outcomes of the previous {@code ensembleOrigins}
 * origins (computed before the first evaluated origin as needed), never from the future.
 */
public final class RollingEvaluation {
    /** One score of one method at one origin, period and coverage. */
    public record Row(String method, double origin, String period, int events, ForecastScore score) {}

    /**
     * The members' forecasts, on a pool of two threads of our own (not the common pool): the
     * Hawkes fit on one, the rest on the other, typically.
     */
    private List<double[][]> forecastAll(EventSeries events, StudyRegion region, ForecastWindow window) {
        List<java.util.concurrent.Future<double[][]>> futures = new ArrayList<>();
        for (ForecastMethod m : members) {
            futures.add(pool.submit(() -> m.forecast(events, region, window)));
        }
        List<double[][]> fs = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<double[][]> f : futures) {
                fs.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return fs;
    }

    private java.util.concurrent.ExecutorService pool;

    private record Past(double end, StackedEnsemble.Evidence evidence) {}

    /** Mean scores of one method, period and coverage over the origins (NaN weeks skipped). */
    public record Summary(String method, String period, double coverage, int origins, double meanHitRate,
            double meanPai, double meanPei, double meanRri, double pooledHitRate) {}

    private final List<ForecastMethod> members;
    private final int ensembleOrigins;
    private final double[] coverages;
    private int threads = 2;

    /** Threads for the members' forecasts at each origin (default 2, the cores of the reference machine). */
    public RollingEvaluation threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    public RollingEvaluation(List<ForecastMethod> members, int ensembleOrigins, double[] coverages) {
        this.members = List.copyOf(members);
        this.ensembleOrigins = ensembleOrigins;
        this.coverages = coverages.clone();
    }

    /** A month-long horizon uses calendar months (for month-resolution data); otherwise fixed days. */
    public interface OriginStep {
        double next(double origin);
    }

    /**
     * Evaluates every origin from {@code firstOrigin} while the horizon ends by {@code lastEnd};
     * {@code horizonEnd} gives the end of the horizon for an origin, {@code step} the next origin.
     */
    public List<Row> run(EventSeries events, StudyRegion region, double firstOrigin, double lastEnd, double trainingDays,
            Periods periods, OriginStep step, OriginStep horizonEnd, OriginStep previousOrigin) {
        pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "forecast-evaluation");
            t.setDaemon(true);
            return t;
        });
        try {
            return runOn(events, region, firstOrigin, lastEnd, trainingDays, periods, step, horizonEnd, previousOrigin);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Row> runOn(EventSeries events, StudyRegion region, double firstOrigin, double lastEnd, double trainingDays,
            Periods periods, OriginStep step, OriginStep horizonEnd, OriginStep previousOrigin) {
        List<Row> rows = new ArrayList<>();
        // The last ensembleOrigins origins: when their horizon ended and what they teach the ensemble.
        Deque<Past> memory = new ArrayDeque<>();
        // Warm-up origins before the first, so the ensemble has evidence from the start.
        List<Double> warmUp = new ArrayList<>();
        double o = firstOrigin;
        for (int k = 0; k < ensembleOrigins; k++) {
            o = previousOrigin.next(o);
            warmUp.add(0, o);
        }
        List<Double> origins = new ArrayList<>(warmUp);
        for (double origin = firstOrigin; horizonEnd.next(origin) <= lastEnd + 1e-9; origin = step.next(origin)) {
            origins.add(origin);
        }
        for (int index = 0; index < origins.size(); index++) {
            double origin = origins.get(index);
            double end = horizonEnd.next(origin);
            ForecastWindow window = new ForecastWindow(origin, end, trainingDays, periods);
            List<double[][]> fs = forecastAll(events, region, window);
            int[][] outcome = StackedEnsemble.outcome(events, region, origin, end, periods);
            boolean evaluated = index >= warmUp.size();
            if (evaluated) {
                // Evidence usable now: past origins whose horizon ended by this origin.
                List<StackedEnsemble.Evidence> usable = new ArrayList<>();
                for (Past past : memory) {
                    if (past.end() <= origin + 1e-9) {
                        usable.add(past.evidence());
                    }
                }
                double[] w = StackedEnsemble.learnWeights(usable, members.size());
                double[][] ensemble = StackedEnsemble.combine(fs, w);
                int[][] before = StackedEnsemble.outcome(events, region, origin - (end - origin), origin, periods);
                for (int m = 0; m <= members.size(); m++) {
                    String name = m < members.size() ? members.get(m).name() : "ensemble";
                    double[][] f = m < members.size() ? fs.get(m) : ensemble;
                    for (int p = 0; p < periods.count(); p++) {
                        int total = 0;
                        for (int v : outcome[p]) {
                            total += v;
                        }
                        for (double c : coverages) {
                            rows.add(new Row(name, origin, periods.name(p), total,
                                    ForecastScoring.score(f[p], outcome[p], before[p], c)));
                        }
                    }
                }
            }
            memory.addFirst(new Past(end, StackedEnsemble.evidence(fs, outcome)));
            while (memory.size() > ensembleOrigins) {
                memory.removeLast();
            }
        }
        return rows;
    }

    /** Means per method, period and coverage, in the order first seen. */
    public static List<Summary> summarise(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.method() + "\u0000" + r.period() + "\u0000" + r.score().coverage(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<Row> g : groups.values()) {
            Row first = g.get(0);
            double[] sums = new double[4];
            int[] n = new int[4];
            long hits = 0;
            long events = 0;
            for (Row r : g) {
                double[] v = {r.score().hitRate(), r.score().pai(), r.score().pei(), r.score().rri()};
                for (int k = 0; k < 4; k++) {
                    if (Double.isFinite(v[k])) {
                        sums[k] += v[k];
                        n[k]++;
                    }
                }
                if (Double.isFinite(r.score().hitRate())) {
                    hits += Math.round(r.score().hitRate() * r.events());
                    events += r.events();
                }
            }
            out.add(new Summary(first.method(), first.period(), first.score().coverage(), g.size(),
                    sums[0] / n[0], sums[1] / n[1], sums[2] / n[2], n[3] == 0 ? Double.NaN : sums[3] / n[3],
                    events == 0 ? Double.NaN : (double) hits / events));
        }
        return out;
    }
}
