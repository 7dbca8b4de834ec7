package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncrementalProspectiveScanTest {
    private static final Path DATA = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));

    @Test
    void dailyUpdatesGiveTheSameClustersAsAFullProspectiveRun() throws IOException {
        Path dir = DATA.resolve("satscan-samples");
        List<ScanCase> cases = SatScanFiles.readCases(dir.resolve("NYCfever.cas"));
        List<ScanLocation> locs = SatScanFiles.readCoordinates(dir.resolve("NYCfever.geo"));
        LocalDate first = LocalDate.of(2001, 11, 1);
        // A 20-day sliding study period: after day 24 the ring holds 5..24 November.
        IncrementalProspectiveScan incremental =
                new IncrementalProspectiveScan(locs, CoordinateSystem.LAT_LON, 3.0, 0.5, 20, 7, 2);
        for (LocalDate d = first; !d.isAfter(LocalDate.of(2001, 11, 24)); d = d.plusDays(1)) {
            Map<String, Integer> day = new HashMap<>();
            for (ScanCase c : cases) {
                if (c.date().equals(d)) {
                    day.merge(c.location(), (int) c.count(), Integer::sum);
                }
            }
            incremental.addDay(d, day);
        }
        ScanResult fromStream = incremental.scan(99, 5L);

        LocalDate start = LocalDate.of(2001, 11, 5);
        List<ScanCase> window = cases.stream().filter(c -> !c.date().isBefore(start)).toList();
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, start,
                LocalDate.of(2001, 11, 24), 3.0, 0.5, 7, 99, 5L, 2);
        ScanResult full = new KulldorffScan(locs, CoordinateSystem.LAT_LON, p, false).run(window, null);

        assertThat(fromStream.totalCases()).isEqualTo(full.totalCases());
        assertThat(fromStream.clusters()).isNotEmpty().isEqualTo(full.clusters());
        assertThat(fromStream.replicateMaxima()).containsExactly(full.replicateMaxima());
    }

    @Test
    void refusesGapsInTheDays() {
        IncrementalProspectiveScan s = new IncrementalProspectiveScan(
                List.of(new ScanLocation("a", 0, 0)), CoordinateSystem.CARTESIAN, 1, 0.5, 10, 3, 2);
        s.addDay(LocalDate.of(2025, 1, 1), Map.of("a", 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.addDay(LocalDate.of(2025, 1, 3), Map.of()))
                .hasMessageContaining("expected 2025-01-02");
    }
}
