package org.ember.jobs.ingest;

import org.ember.geo.area.AreaPlacer;
import org.ember.geo.area.Placement;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.ingest.FeedParser;
import org.ember.model.ingest.ParseOutcome;
import org.ember.model.ingest.ReportedEvent;

/**
 * The ingest stage as plain Java: parse and check against the contract, pseudonymise, then place
 * in the covered areas. A record comes out as an {@link Incident} or as a reason, never as an
 * exception, so one bad record can never stop the job.
 */
public final class Ingestor {
    private final FeedParser parser;
    private final AreaPlacer placer;

    public Ingestor(FeedParser parser, AreaPlacer placer) {
        this.parser = parser;
        this.placer = placer;
    }

    public IngestResult ingest(Feed feed, byte[] bytes) {
        return ingest(feed, bytes, FeedParser.UNKNOWN_ARRIVAL);
    }

    /** @param arrivalMillis the record's Kafka timestamp: event times are judged against it */
    public IngestResult ingest(Feed feed, byte[] bytes, long arrivalMillis) {
        ParseOutcome outcome;
        try {
            outcome = parser.parse(feed, bytes, arrivalMillis);
        } catch (RuntimeException e) {
            // The exception's message may quote the record: name only its kind.
            return IngestResult.rejected("could not be read: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            return IngestResult.rejected(rejected.reason());
        }
        ReportedEvent event = ((ParseOutcome.Accepted) outcome).event();
        AreaPlacer.Result placed = place(event.location());
        if (!placed.placed()) {
            return IngestResult.rejected(placed.failure());
        }
        Placement p = placed.placement();
        return IngestResult.accepted(new Incident(event.feed(), event.sourceId(), event.version(), event.cancelled(),
                event.eventTime(), event.reportedTime(), event.category(), event.weapon(), event.ageBand(),
                p.lon(), p.lat(), p.easting(), p.northing(), p.precise(), p.lsoa(), p.lad(), p.cell(),
                event.personPseudonym(), event.detail()));
    }

    /** The most precise form the partner gave wins: a point, then an LSOA, then a postcode district. */
    private AreaPlacer.Result place(GeoLocation location) {
        if (location.hasLonLat()) {
            return placer.placeLonLat(location.lon(), location.lat());
        }
        if (location.hasGridReference()) {
            return placer.placeGrid(location.easting(), location.northing());
        }
        if (location.lsoaCode() != null) {
            return placer.placeLsoa(location.lsoaCode());
        }
        return placer.placePostcodeDistrict(location.postcodeDistrict());
    }
}
