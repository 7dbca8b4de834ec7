package org.ember.fusion;

import java.nio.file.Path;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.fusion.FusionCalendar;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.layers.CellHotspots;
import org.ember.geo.layers.DailyScan;
import org.ember.geo.layers.EmergingCells;
import org.ember.geo.risk.RiskField;
import org.ember.geo.tension.TensionScorer;

/**
 * What every local authority's analytics share in one task: settings, area shapes, calendar and
 * the calculators (the daily scan keeps its scanners across days), which authority owns each grid
 * cell ({@link CellOwners}). Built once per task in
 * {@code open()}; not thread-safe.
 */
public record FusionContext(
        FusionSettings settings,
        AreaShapes shapes,
        EmberCalendar calendar,
        CellHotspots cellHotspots,
        DailyScan scan,
        EmergingCells emerging,
        RiskField risk,
        TensionScorer tension,
        CellOwners cellOwners) {

    /** The context of a job or a backtest: area shapes of the coverage, calendar from the data directory. */
    public static FusionContext of(FusionSettings settings, Path dataDir, org.ember.geo.area.Coverage coverage) {
        return of(settings, dataDir, coverage, null);
    }

    /**
     * The same, with the daily scan's replications on {@code scanPool} (null = the calling thread);
     * the caller owns the pool and closes it.
     */
    public static FusionContext of(FusionSettings settings, Path dataDir, org.ember.geo.area.Coverage coverage,
            ScanPool scanPool) {
        return of(settings, AreaShapes.of(AreaCatalogue.load(dataDir, coverage)), FusionCalendar.load(dataDir).orElse(null),
                scanPool);
    }

    public static FusionContext of(FusionSettings settings, AreaShapes shapes, EmberCalendar calendar) {
        return of(settings, shapes, calendar, null);
    }

    public static FusionContext of(FusionSettings settings, AreaShapes shapes, EmberCalendar calendar, ScanPool scanPool) {
        DailyScan scan = scanPool == null ? new DailyScan(settings.hotspots().scan())
                : new DailyScan(settings.hotspots().scan(), scanPool.executor(), scanPool.size());
        return new FusionContext(settings, shapes, calendar, new CellHotspots(settings.hotspots()),
                scan, new EmergingCells(settings.hotspots().giDistanceCells()),
                new RiskField(settings.risk()), new TensionScorer(settings.tension()),
                new CellOwners(shapes, settings.hotspots()));
    }
}
