package org.ember.jobs.fusion;

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
import org.ember.jobs.JobSettings;

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

    public static FusionContext of(JobSettings job) {
        Path data = Path.of(job.dataDir());
        return of(job.fusion(), AreaShapes.of(AreaCatalogue.load(data, job.coverage())),
                FusionCalendar.load(data).orElse(null));
    }

    public static FusionContext of(FusionSettings settings, AreaShapes shapes, EmberCalendar calendar) {
        return new FusionContext(settings, shapes, calendar, new CellHotspots(settings.hotspots()),
                new DailyScan(settings.hotspots().scan()), new EmergingCells(settings.hotspots().giDistanceCells()),
                new RiskField(settings.risk()), new TensionScorer(settings.tension()));
    }
}
