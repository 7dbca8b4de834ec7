package org.ember.infra.cli.stats;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.IncrementalProspectiveScan;
import org.ember.geo.scan.SatScanFiles;
import org.ember.geo.scan.ScanCase;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanInference;
import org.ember.geo.scan.ScanInputException;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanResult;
import org.ember.infra.cli.UserError;

/**
 * {@code ember stats scan --daily}: a period of daily prospective space-time permutation analyses in
 * one process. One {@link IncrementalProspectiveScan} slides over the days (O(locations) per day) and
 * keeps its neighbour order; each day's replications run on the command's own threads. Day d's seed is
 * derived from --seed and d, so any single day can be rerun alone with the same answer.
 */
final class DailyScanRun {
    private final ScanCommand o;

    DailyScanRun(ScanCommand options) {
        this.o = options;
    }

    /** The seed of the analysis on {@code day}. */
    static long daySeed(long seed, LocalDate day) {
        return seed * 1_000_003L + day.toEpochDay();
    }

    Integer call() {
        if (o.fromDay == null || o.toDay == null) {
            throw new UserError("--daily needs --from and --to");
        }
        if (o.model.model != org.ember.geo.scan.ScanModel.SPACE_TIME_PERMUTATION) {
            throw new UserError("--daily runs the space-time permutation model (--model space-time-permutation)");
        }
        if (o.studyDays < 1 || o.maxDays < 1 || o.maxDays > o.studyDays) {
            throw new UserError("--daily needs 1 <= --max-days <= --study-days");
        }
        if (!(o.maxFraction > 0 && o.maxFraction <= 0.5) || o.replications < 0 || o.minCases < 1) {
            throw new UserError("--max-fraction in (0, 0.5], --replications >= 0 and --min-cases >= 1 needed");
        }
        LocalDate first = ScanCommand.date("--from", o.fromDay);
        LocalDate last = ScanCommand.date("--to", o.toDay);
        if (last.isBefore(first)) {
            throw new UserError("--to " + last + " is before --from " + first);
        }
        LocalDate dataStart = first.minusDays(o.studyDays - 1);
        try {
            List<ScanLocation> locations = SatScanFiles.readCoordinates(o.coordinatesFile);
            Set<String> ids = new HashSet<>();
            for (ScanLocation l : locations) {
                if (!ids.add(l.id())) {
                    throw new UserError(o.coordinatesFile + ": location " + l.id() + " appears twice");
                }
            }
            Map<LocalDate, Map<String, Integer>> byDay = new TreeMap<>();
            for (ScanCase c : SatScanFiles.readCases(o.casesFile, ids, null, null)) {
                if (c.date() == null) {
                    throw new UserError(o.casesFile + ": case of " + c.location() + " has no date");
                }
                if (c.date().isBefore(dataStart) || c.date().isAfter(last)) {
                    continue; // outside every study period of the run
                }
                byDay.computeIfAbsent(c.date(), d -> new HashMap<>()).merge(c.location(), (int) c.count(), Integer::sum);
            }
            IncrementalProspectiveScan scan = new IncrementalProspectiveScan(locations,
                    o.latlon ? CoordinateSystem.LAT_LON : CoordinateSystem.CARTESIAN,
                    o.maxRadius == null ? Double.POSITIVE_INFINITY : o.maxRadius, o.maxFraction, o.studyDays,
                    o.maxDays, o.minCases);
            ExecutorService pool = o.pool();
            List<Object[]> rows = new ArrayList<>();
            long started = System.nanoTime();
            int analyses = 0;
            try {
                ScanInference inference = o.inference(pool);
                for (LocalDate d = dataStart; !d.isAfter(last); d = d.plusDays(1)) {
                    scan.addDay(d, byDay.getOrDefault(d, Map.of()));
                    if (d.isBefore(first)) {
                        continue;
                    }
                    ScanResult r = scan.scan(inference, daySeed(o.seed, d));
                    analyses++;
                    for (ScanCluster c : r.clusters()) {
                        rows.add(new Object[] {d, c.rank(), c.centre(), c.radius(), String.join(";", c.locations()),
                            c.start(), c.end(), c.observed(), c.expected(), c.llr(), c.pValue(), c.recurrenceDays(),
                            c.gumbelPValue(), r.replicateMaxima().length});
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            System.err.printf("scan --daily: %d analyses, %d locations, %.2f s%n", analyses, locations.size(),
                    (System.nanoTime() - started) / 1e9);
            try (CsvOutput.Writer out = o.output.open()) {
                out.row("day", "rank", "centre", "radius", "locations", "start", "end", "observed", "expected", "llr",
                        "p_value", "recurrence_days", "gumbel_p", "replications_run");
                for (Object[] row : rows) {
                    out.row(row);
                }
            }
            return 0;
        } catch (ScanInputException e) {
            throw new UserError(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserError(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read input (" + e.getMessage() + ")");
        }
    }
}
