package org.ember.geo.scan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Kulldorff's scan statistic with circular windows centred on each location (SaTScan's default
 * without a grid file), scanning for high rates.
 *
 * <ul>
 *   <li><b>Purely spatial / space-time Poisson</b> (Kulldorff 1997, 2001): expected counts from a
 *       population (or expected-count) per location, uniform in time: E = C·(pop share)·(days/T).
 *       Replicates draw the C cases multinomially over locations (∝ population) and days.
 *   <li><b>Space-time permutation</b> (Kulldorff et al. 2005): cases only; E = C_zone·C_window/C.
 *       Replicates permute the case dates among the cases (margins kept).
 * </ul>
 *
 * The log-likelihood ratio of a cylinder with c cases and E expected (C in total) is
 * {@code c ln(c/E) + (C−c) ln((C−c)/(C−E))} when c &gt; E, else 0 (the space-time permutation
 * model uses this Poisson approximation, as SaTScan does). The p-value of a cluster is
 * {@code rank/(B+1)} with rank = 1 + the number of replicates whose maximum LLR is ≥ the cluster's.
 * The recurrence interval of a prospective daily analysis is {@code 1/(p × 1 per day)} =
 * {@code (B+1)/rank} days (SaTScan: RI = 1/(p × frequency of analysis)).
 *
 * <p>Secondary clusters follow SaTScan's default "no geographical overlap": the best cylinder of
 * each centre, by decreasing LLR, is kept if it shares no location with a cluster already kept.
 * With replications, a secondary cluster is reported only if p &lt; 1 (some replicate maximum is
 * below its LLR); this reproduces the published NYCfever result (3 clusters).
 */
public final class KulldorffScan {
    private final List<ScanLocation> locations;
    private final Map<String, Integer> index = new HashMap<>();
    private final NeighbourIndex neighbours;
    private final ScanParameters parameters;
    private final boolean emptyLocationsTakePart;

    /** A scan in which every listed location is a centre and a member, as in SaTScan. */
    public KulldorffScan(List<ScanLocation> locations, CoordinateSystem coordinates, ScanParameters parameters) {
        this(locations, coordinates, parameters, true);
    }

    /**
     * @param emptyLocationsTakePart false: under the space-time permutation model a location without a
     *     case in the study period is neither a centre nor a member, so the answer is that of the
     *     locations with cases whatever else the list holds (what {@link IncrementalProspectiveScan}
     *     computes); true: SaTScan's reading of a coordinates file, every location takes part
     */
    public KulldorffScan(List<ScanLocation> locations, CoordinateSystem coordinates, ScanParameters parameters,
            boolean emptyLocationsTakePart) {
        this.emptyLocationsTakePart = emptyLocationsTakePart;
        this.locations = List.copyOf(locations);
        for (int i = 0; i < locations.size(); i++) {
            if (index.put(locations.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate location " + locations.get(i).id());
            }
        }
        this.parameters = parameters;
        this.neighbours = new NeighbourIndex(this.locations, coordinates, parameters.maxRadius());
    }

    /** Poisson log-likelihood ratio for c observed and E expected among C cases (0 unless c &gt; E). */
    public static double poissonLlr(long c, double e, long total) {
        if (c <= e) {
            return 0;
        }
        double llr = c * Math.log(c / e);
        if (total > c) {
            llr += (total - c) * Math.log((total - c) / (total - e));
        }
        return llr;
    }

    /**
     * Runs the scan with {@code parameters.replications()} replications in the calling thread, the
     * Gumbel tail beyond them, no early stopping.
     *
     * @param cases case rows (dates ignored for a purely spatial analysis)
     * @param population population (or expected count) per location; required for Poisson, unused
     *     for space-time permutation
     */
    public ScanResult run(List<ScanCase> cases, Map<String, Double> population) {
        return run(cases, population, ScanInference.sequential(parameters.replications()));
    }

    /**
     * Runs the scan with the given inference ({@code inference.replications()} replaces
     * {@code parameters.replications()}; the seed is {@code parameters.seed()}).
     */
    public ScanResult run(List<ScanCase> cases, Map<String, Double> population, ScanInference inference) {
        ScanParameters p = parameters;
        int locs = locations.size();
        boolean spatial = p.analysis() == ScanAnalysis.PURELY_SPATIAL;
        int days = spatial ? 1 : p.days();
        int[][] full = new int[locs][days];
        long total = 0;
        for (ScanCase c : cases) {
            Integer loc = index.get(c.location());
            if (loc == null) {
                throw new IllegalArgumentException("unknown location " + c.location());
            }
            if (c.count() < 0) {
                throw new IllegalArgumentException("negative count at " + c.location());
            }
            int day = 0;
            if (!spatial) {
                if (c.date() == null) {
                    throw new IllegalArgumentException("case without date in a space-time analysis");
                }
                if (c.date().isBefore(p.studyStart()) || c.date().isAfter(p.studyEnd())) {
                    throw new IllegalArgumentException("date " + c.date() + " outside the study period");
                }
                day = (int) ChronoUnit.DAYS.between(p.studyStart(), c.date());
            }
            full[loc][day] += (int) c.count();
            total += c.count();
        }
        if (total == 0) {
            return new ScanResult(locs, 0, List.of(), new double[0]);
        }
        double[] weight = weights(full, total, population);
        Axis axis = axis(days);
        long[] dayTotals = new long[days];
        for (int[] row : full) {
            for (int d = 0; d < days; d++) {
                dayTotals[d] += row[d];
            }
        }
        boolean skipEmpty = p.model() == ScanModel.SPACE_TIME_PERMUTATION && !emptyLocationsTakePart;
        CylinderScanner scanner = scanner(axis, dayTotals, total, days, skipEmpty);
        int[][] observedAxis = onAxis(full, axis);
        CylinderScanner.Candidate[] perCentre = new CylinderScanner.Candidate[locs];
        double observed = scanner.scan(observedAxis, weight, p.maxFraction(), perCentre);

        Replications.Outcome outcome = Replications.run(inference, observed, p.seed(),
                workers(full, weight, total, days, axis, scanner));
        boolean[] member = null;
        if (skipEmpty) {
            member = new boolean[locs];
            for (int z = 0; z < locs; z++) {
                member[z] = weight[z] > 0;
            }
        }
        IntFunction<LocalDate> dayOf = spatial ? d -> null : d -> p.studyStart().plusDays(axis.offset() + d);
        List<ScanCluster> clusters = ClusterReporter.report(perCentre, neighbours, locations, member, axis.start(),
                axis.end(), ClusterReporter.Inference.of(outcome, inference.gumbel()),
                p.analysis() == ScanAnalysis.PROSPECTIVE, dayOf);
        return new ScanResult(locs, total, clusters, outcome.maxima());
    }

    private double[] weights(int[][] full, long total, Map<String, Double> population) {
        int locs = full.length;
        double[] weight = new double[locs];
        if (parameters.model() == ScanModel.SPACE_TIME_PERMUTATION) {
            for (int z = 0; z < locs; z++) {
                long s = 0;
                for (int v : full[z]) {
                    s += v;
                }
                weight[z] = (double) s / total;
            }
            return weight;
        }
        if (population == null) {
            throw new IllegalArgumentException("the Poisson model needs a population per location");
        }
        double sum = 0;
        for (int z = 0; z < locs; z++) {
            Double pop = population.get(locations.get(z).id());
            if (pop == null || pop < 0) {
                throw new IllegalArgumentException("no population for location " + locations.get(z).id());
            }
            weight[z] = pop;
            sum += pop;
        }
        for (int z = 0; z < locs; z++) {
            weight[z] /= sum;
        }
        return weight;
    }

    /** The days scanned and the windows over them. */
    record Axis(int offset, int days, int[] start, int[] end) {}

    private Axis axis(int days) {
        ScanParameters p = parameters;
        if (p.analysis() == ScanAnalysis.PURELY_SPATIAL) {
            return new Axis(0, 1, new int[] {0}, new int[] {0});
        }
        int maxLen = Math.min(p.maxDays(), days);
        if (p.analysis() == ScanAnalysis.PROSPECTIVE) {
            int[] start = new int[maxLen];
            int[] end = new int[maxLen];
            for (int len = 1; len <= maxLen; len++) {
                start[len - 1] = maxLen - len;
                end[len - 1] = maxLen - 1;
            }
            return new Axis(days - maxLen, maxLen, start, end);
        }
        List<int[]> windows = new ArrayList<>();
        for (int s = 0; s < days; s++) {
            for (int e = s; e < days && e - s + 1 <= maxLen; e++) {
                windows.add(new int[] {s, e});
            }
        }
        int[] start = new int[windows.size()];
        int[] end = new int[windows.size()];
        for (int i = 0; i < start.length; i++) {
            start[i] = windows.get(i)[0];
            end[i] = windows.get(i)[1];
        }
        return new Axis(0, days, start, end);
    }

    private CylinderScanner scanner(Axis axis, long[] dayTotals, long total, int days, boolean skipEmpty) {
        double[] mass = new double[axis.start().length];
        for (int w = 0; w < mass.length; w++) {
            if (parameters.model() == ScanModel.SPACE_TIME_PERMUTATION) {
                long s = 0;
                for (int d = axis.start()[w]; d <= axis.end()[w]; d++) {
                    s += dayTotals[axis.offset() + d];
                }
                mass[w] = s;
            } else {
                mass[w] = (double) total * (axis.end()[w] - axis.start()[w] + 1) / days;
            }
        }
        return new CylinderScanner(neighbours, axis.days(), axis.start(), axis.end(), mass, total,
                parameters.minCases(), skipEmpty);
    }

    private static int[][] onAxis(int[][] full, Axis axis) {
        int[][] out = new int[full.length][];
        for (int z = 0; z < full.length; z++) {
            out[z] = Arrays.copyOfRange(full[z], axis.offset(), axis.offset() + axis.days());
        }
        return out;
    }

    private IntFunction<Replications.Worker> workers(int[][] full, double[] weight, long total, int days, Axis axis,
            CylinderScanner scanner) {
        int locs = full.length;
        if (parameters.model() == ScanModel.SPACE_TIME_PERMUTATION) {
            int[] caseLocation = new int[(int) total];
            int i = 0;
            for (int z : byId(locations)) {
                for (int d = 0; d < days; d++) {
                    for (int k = 0; k < full[z][d]; k++) {
                        caseLocation[i++] = z;
                    }
                }
            }
            long axisCases = 0;
            for (int z = 0; z < locs; z++) {
                for (int d = axis.offset(); d < axis.offset() + axis.days(); d++) {
                    axisCases += full[z][d];
                }
            }
            int[] axisDays = new int[(int) axisCases];
            int k = 0;
            for (int d = axis.offset(); d < axis.offset() + axis.days(); d++) {
                for (int z = 0; z < locs; z++) {
                    for (int n = 0; n < full[z][d]; n++) {
                        axisDays[k++] = d - axis.offset();
                    }
                }
            }
            return t -> permutationWorker(caseLocation, axisDays, locs, axis.days(), scanner, weight,
                    parameters.maxFraction());
        }
        double[] cumulative = new double[locs];
        double acc = 0;
        for (int z = 0; z < locs; z++) {
            acc += weight[z];
            cumulative[z] = acc;
        }
        double sum = acc;
        return t -> {
            int[][] sim = new int[locs][axis.days()];
            return random -> {
                for (int[] row : sim) {
                    Arrays.fill(row, 0);
                }
                for (long k = 0; k < total; k++) {
                    int z = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                    z = z >= 0 ? z : Math.min(locs - 1, -z - 1);
                    int d = days == 1 ? 0 : random.nextInt(days);
                    if (d >= axis.offset() && d < axis.offset() + axis.days()) {
                        sim[z][d - axis.offset()]++;
                    }
                }
                return scanner.scan(sim, weight, parameters.maxFraction(), null);
            };
        };
    }

    /**
     * Location indices in the order of their ids: replicates deal cases out in this order, so they do
     * not depend on the order (or on extra zero-case members) of the location list.
     */
    static int[] byId(List<ScanLocation> locations) {
        return java.util.stream.IntStream.range(0, locations.size()).boxed()
                .sorted(java.util.Comparator.comparing(z -> locations.get(z).id()))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * A space-time permutation replicate: the scan's maximum over a random date permutation. Every
     * replicate starts from the same case order, so its maximum depends only on its random stream.
     */
    static Replications.Worker permutationWorker(int[] caseLocation, int[] axisCaseDays, int locs, int axisDays,
            CylinderScanner scanner, double[] weight, double maxFraction) {
        int[][] sim = new int[locs][axisDays];
        int[] pool = new int[caseLocation.length];
        ReplicateMaximum replicates = scanner.replicates(weight, maxFraction);
        ReplicateMaximum.Worker fast = replicates == null ? null : replicates.worker();
        return new Replications.Worker() {
            @Override
            public double maximum(SplittableRandom rnd) {
                return maximum(rnd, Double.POSITIVE_INFINITY);
            }

            @Override
            public double maximum(SplittableRandom rnd, double enough) {
                System.arraycopy(caseLocation, 0, pool, 0, pool.length);
                // A partial Fisher-Yates shuffle draws which cases get the axis dates: a uniformly
                // random permutation of dates restricted to the days that matter.
                for (int k = 0; k < axisCaseDays.length; k++) {
                    int j = k + rnd.nextInt(pool.length - k);
                    int tmp = pool[k];
                    pool[k] = pool[j];
                    pool[j] = tmp;
                    sim[pool[k]][axisCaseDays[k]]++;
                }
                double max = fast != null ? fast.maximum(sim, pool, axisCaseDays.length, enough)
                        : scanner.scanCased(sim, weight, maxFraction, pool, axisCaseDays.length);
                for (int k = 0; k < axisCaseDays.length; k++) {
                    sim[pool[k]][axisCaseDays[k]] = 0;
                }
                return max;
            }
        };
    }
}
