package org.ember.rules.unittest;

import java.nio.charset.StandardCharsets;
import org.ember.fusion.FusionContext;
import org.ember.fusion.LinkageBlocks;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.geo.area.Placement;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.fusion.FusionSettings;
import org.ember.geo.layers.AreaShapes;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.ember.model.ingest.ReportedEvent;
import org.ember.model.privacy.Pseudonymiser;

/**
 * What rule tests need to take partner records the way the job does: the feed contracts and
 * parsing ({@link FeedParser}), placement in the deployment's areas ({@link AreaPlacer}) and the
 * fusion stage's settings, shapes and calendar.
 */
public final class ReportInputs {
    /** Rule tests see no personal data; person references are pseudonymised with a fixed key all the same. */
    static final Pseudonymiser TEST_KEY = Pseudonymiser.withKey("ember-rule-tests-key");

    private final FeedParser parser = new FeedParser(TEST_KEY);
    private final AreaPlacer placer;
    private final FusionSettings settings;
    private final AreaShapes shapes;
    private final EmberCalendar calendar;
    private final AreaCatalogue catalogue;
    /** Built on first use: only tests whose rules read fusion metrics link reports. */
    private LinkageBlocks linkageBlocks;

    /**
     * @param catalogue      the deployment's areas
     * @param cellSizeMetres the job's grid cell size
     * @param settings       the fusion settings the job runs with
     * @param calendar       the fusion calendar (school terms, holidays), or null
     */
    public ReportInputs(AreaCatalogue catalogue, int cellSizeMetres, FusionSettings settings, EmberCalendar calendar) {
        this.placer = new AreaPlacer(catalogue, cellSizeMetres);
        this.settings = settings;
        this.shapes = AreaShapes.of(catalogue);
        this.calendar = calendar;
        this.catalogue = catalogue;
    }

    /** A fresh fusion context: one per test case, as the daily scan keeps state across days. */
    FusionContext newContext() {
        return FusionContext.of(settings, shapes, calendar);
    }

    /** The job's linkage blocks over the deployment's areas (immutable, shared by every test case). */
    LinkageBlocks linkageBlocks() {
        if (linkageBlocks == null) {
            linkageBlocks = new LinkageBlocks(catalogue, settings.linkage(), LinkageBlocks.DEFAULT_BLOCK_METRES);
        }
        return linkageBlocks;
    }

    /** A partner record as ingested, or why the job would dead-letter it. */
    record Ingested(Incident incident, String problem, boolean placement) {}

    /** Parses, checks and places one record, as the job's ingest stage does. */
    Ingested ingest(String feed, String json, long arrival) {
        ParseOutcome outcome = parser.parse(Feed.fromCode(feed), json.getBytes(StandardCharsets.UTF_8), arrival);
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            return new Ingested(null, rejected.reason(), false);
        }
        ReportedEvent event = ((ParseOutcome.Accepted) outcome).event();
        GeoLocation location = event.location();
        AreaPlacer.Result placed = location.hasLonLat() ? placer.placeLonLat(location.lon(), location.lat())
                : placer.placeLsoa(location.lsoaCode());
        if (!placed.placed()) {
            return new Ingested(null, placed.failure(), true);
        }
        Placement p = placed.placement();
        return new Ingested(new Incident(event.feed(), event.sourceId(), event.version(), event.cancelled(),
                event.eventTime(), event.reportedTime(), event.category(), event.weapon(), event.ageBand(),
                p.lon(), p.lat(), p.easting(), p.northing(), p.precise(), p.lsoa(), p.lad(), p.cell(),
                event.personPseudonym(), event.detail()), null, false);
    }
}
