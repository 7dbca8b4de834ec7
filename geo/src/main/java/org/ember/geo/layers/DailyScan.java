package org.ember.geo.layers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.IncrementalProspectiveScan;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanInference;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanResult;

/**
 * The daily prospective space-time permutation scan of one local authority: its LSOAs (centroids,
 * latitude/longitude as SaTScan reads them) over the study period ending on the day just closed,
 * through {@link IncrementalProspectiveScan}. The ring is filled from the incidents kept in state
 * each day rather than carried across days, so late and cancelled reports are reflected and a
 * restarted job scans exactly what an uninterrupted one would.
 *
 * <p>One scanner per local authority is kept across days (its neighbour index is the costly part):
 * the next day is appended and the earlier days of the study period revised from state, which gives
 * the same ring as a fresh fill. Replications run on the executor given here, never on the common
 * ForkJoin pool; the results do not depend on it. They stop early once no cluster can be published
 * ({@link #decisiveExceedances}), so a quiet day costs a few replications, not B. Not thread-safe:
 * one caller (task) at a time.
 */
public final class DailyScan {
    private final ScanSettings settings;
    private final Executor executor;
    private final int parallelism;
    private final Map<List<ScanLocation>, IncrementalProspectiveScan> scanners = new java.util.HashMap<>();

    /** Replications in the calling thread. */
    public DailyScan(ScanSettings settings) {
        this(settings, null, 1);
    }

    /**
     * @param executor    where replications run (a pool of the caller's own; null = the calling thread)
     * @param parallelism replication tasks at once on {@code executor}
     */
    public DailyScan(ScanSettings settings, Executor executor, int parallelism) {
        this.settings = settings;
        this.executor = executor;
        this.parallelism = executor == null ? 1 : Math.max(1, parallelism);
    }

    /**
     * @param locations the LSOAs of the local authority ({@code x} = latitude, {@code y} = longitude)
     * @param lastDay   the day the scan ends on
     * @param counts    cases per day and LSOA; days outside the study period and unknown LSOAs are ignored
     * @param seed      seed of the Monte Carlo replications (derive it from the area and day for
     *                  reproducible results)
     * @return the published clusters (recurrence interval at least the configured minimum), most likely first
     */
    public List<ScanCluster> run(List<ScanLocation> locations, LocalDate lastDay, Map<LocalDate, Map<String, Integer>> counts,
            long seed) {
        if (locations.size() < 2) {
            return List.of();
        }
        Set<String> known = new HashSet<>();
        locations.forEach(l -> known.add(l.id()));
        IncrementalProspectiveScan scan = scanners.get(locations);
        boolean next = scan != null && lastDay.minusDays(1).equals(scan.lastDay());
        if (scan == null) {
            scan = new IncrementalProspectiveScan(locations, CoordinateSystem.LAT_LON, settings.maxRadiusKm(),
                    settings.maxFraction(), settings.studyDays(), settings.maxDays(), settings.minCases());
            scanners.put(List.copyOf(locations), scan);
        } else if (!next) {
            scan.restart(); // a day was skipped: the counts are refilled, the neighbour index kept
        }
        long cases = 0;
        for (int back = settings.studyDays() - 1; back >= 0; back--) {
            LocalDate day = lastDay.minusDays(back);
            Map<String, Integer> dayCounts = new java.util.HashMap<>();
            for (Map.Entry<String, Integer> e : counts.getOrDefault(day, Map.of()).entrySet()) {
                if (known.contains(e.getKey()) && e.getValue() > 0) {
                    dayCounts.put(e.getKey(), e.getValue());
                    cases += e.getValue();
                }
            }
            if (!next || back == 0) {
                scan.addDay(day, dayCounts);
            } else {
                scan.reviseDay(day, dayCounts); // late, corrected or cancelled records since yesterday's scan
            }
        }
        if (cases < settings.minCases()) {
            return List.of();
        }
        // Only the clusters' exceedance counts are read here, and a run that stops early publishes
        // nothing: a replicate may stop once it reaches the most likely cluster (cutExceedances).
        ScanInference inference = ScanInference.sequential(settings.replications())
                .withEarlyStop(decisiveExceedances(settings)).cuttingExceedances();
        if (executor != null && parallelism > 1) {
            inference = inference.on(executor, parallelism);
        }
        ScanResult result = scan.scan(inference, seed);
        List<ScanCluster> published = new ArrayList<>();
        for (ScanCluster c : result.clusters()) {
            if (c.recurrenceDays() >= settings.minRecurrenceDays()) {
                published.add(c);
            }
        }
        return published;
    }

    /**
     * Sequential Monte Carlo that publishes what the full run publishes: the replicate maxima at or
     * above the most likely cluster's LLR after which no cluster can reach {@code minRecurrenceDays}.
     * With h of them among the B replications of a full run, p = (h + 1) / (B + 1), so the recurrence
     * interval (B + 1) / (h + 1) is below the minimum once h + 1 &gt; (B + 1) / minRecurrenceDays;
     * secondary clusters have lower LLRs, so at least as many maxima reach them (and the Gumbel tail
     * is used only when none does). A run that stops early therefore publishes nothing, as the full
     * run would, and one that does not stop has run all B, with the very same maxima (replicate r
     * always draws from the r-th stream). 199 replications and a 20-day minimum stop at 10: on a
     * day without a cluster after some 20 replications instead of 199.
     *
     * @return the exceedances to stop at, or 0 (run all B) when no early stop can be decisive
     */
    static int decisiveExceedances(ScanSettings settings) {
        int b = settings.replications();
        double minimum = settings.minRecurrenceDays();
        if (b == 0 || !(minimum > 1)) {
            return 0;
        }
        int h = Math.max(1, (int) Math.floor((b + 1) / minimum));
        while ((b + 1.0) / (h + 1) >= minimum) {
            h++;
        }
        return h >= b ? 0 : h;
    }
}
