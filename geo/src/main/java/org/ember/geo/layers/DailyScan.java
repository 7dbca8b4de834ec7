package org.ember.geo.layers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.IncrementalProspectiveScan;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanResult;

/**
 * The daily prospective space-time permutation scan of one local authority: its LSOAs (centroids,
 * latitude/longitude as SaTScan reads them) over the study period ending on the day just closed,
 * through {@link IncrementalProspectiveScan}. The ring is filled from the incidents kept in state
 * each day rather than carried across days, so late and cancelled reports are reflected and a
 * restarted job scans exactly what an uninterrupted one would.
 */
public final class DailyScan {
    private final ScanSettings settings;

    public DailyScan(ScanSettings settings) {
        this.settings = settings;
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
        IncrementalProspectiveScan scan = new IncrementalProspectiveScan(locations, CoordinateSystem.LAT_LON,
                settings.maxRadiusKm(), settings.maxFraction(), settings.studyDays(), settings.maxDays(),
                settings.minCases());
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
            scan.addDay(day, dayCounts);
        }
        if (cases < settings.minCases()) {
            return List.of();
        }
        ScanResult result = scan.scan(settings.replications(), seed);
        List<ScanCluster> published = new ArrayList<>();
        for (ScanCluster c : result.clusters()) {
            if (c.recurrenceDays() >= settings.minRecurrenceDays()) {
                published.add(c);
            }
        }
        return published;
    }
}
