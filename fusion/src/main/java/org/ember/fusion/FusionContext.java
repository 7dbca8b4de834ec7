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
 * the stateless calculators. Built once per task in {@code open()}.
 */
public record FusionContext(
        FusionSettings settings,
        AreaShapes shapes,
        EmberCalendar calendar,
        CellHotspots cellHotspots,
        DailyScan scan,
        EmergingCells emerging,
        RiskField risk,
        TensionScorer tension) {

    /** The context of a job or a backtest: area shapes of the coverage, calendar from the data directory. */
    public static FusionContext of(FusionSettings settings, Path dataDir, org.ember.geo.area.Coverage coverage) {
        return of(settings, AreaShapes.of(AreaCatalogue.load(dataDir, coverage)), FusionCalendar.load(dataDir).orElse(null));
    }

    public static FusionContext of(FusionSettings settings, AreaShapes shapes, EmberCalendar calendar) {
        return new FusionContext(settings, shapes, calendar, new CellHotspots(settings.hotspots()),
                new DailyScan(settings.hotspots().scan()), new EmergingCells(settings.hotspots().giDistanceCells()),
                new RiskField(settings.risk()), new TensionScorer(settings.tension()));
    }
}
