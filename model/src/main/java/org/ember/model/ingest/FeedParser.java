package org.ember.model.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.ember.model.Feed;
import org.ember.model.IncidentCategory;
import org.ember.model.codec.Json;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.NavigatorEvent;
import org.ember.model.feeds.PoliceIncident;
import org.ember.model.feeds.RecordStatus;
import org.ember.model.privacy.Pseudonymiser;

/**
 * Turns a partner's raw bytes into a {@link ReportedEvent}: parse, check against the feed's
 * contract, drop what the allow-list does not name, pseudonymise person references and map the
 * partner's vocabulary onto Ember's categories. Never throws on bad input: it says why instead.
 */
public final class FeedParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longest free text kept from an intelligence report; longer text is cut, not rejected. */
    static final int MAX_INTEL_TEXT = 280;

    private final Pseudonymiser pseudonymiser;
    private transient FeedContracts contracts;

    public FeedParser(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public ParseOutcome parse(Feed feed, byte[] bytes) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            return ParseOutcome.rejected("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return ParseOutcome.rejected("not readable: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return ParseOutcome.rejected("not a JSON object");
        }
        List<String> violations = contracts().violations(feed, tree);
        if (!violations.isEmpty()) {
            return ParseOutcome.rejected("violates the " + feed.topic() + " contract: " + String.join("; ", violations));
        }
        try {
            return switch (feed) {
                case POLICE -> police(Json.mapper().treeToValue(tree, PoliceIncident.class));
                case AMBULANCE -> ambulance(Json.mapper().treeToValue(tree, AmbulanceCallout.class));
                case AE -> ae(Json.mapper().treeToValue(tree, AeAttendance.class));
                case NAVIGATOR -> navigator(Json.mapper().treeToValue(tree, NavigatorEvent.class));
                case INTEL -> intel(Json.mapper().treeToValue(tree, IntelReport.class));
            };
        } catch (JsonProcessingException e) {
            return ParseOutcome.rejected("cannot read " + feed.topic() + " record: " + e.getOriginalMessage());
        }
    }

    private FeedContracts contracts() {
        if (contracts == null) {
            contracts = new FeedContracts();
        }
        return contracts;
    }

    private static ParseOutcome police(PoliceIncident r) {
        String category = r.closingCategory() != null && !r.closingCategory().isBlank()
                ? r.closingCategory()
                : r.openingCategory();
        String normalised = IncidentCategory.fromPoliceCategory(category);
        boolean weapon = Boolean.TRUE.equals(r.knifeOrSharpInstrument())
                || Boolean.TRUE.equals(r.firearm())
                || IncidentCategory.WEAPON.equals(normalised);
        return accepted(Feed.POLICE, r.incidentId(), r.version(), r.status(), r.occurredAt(), r.occurredAt(),
                normalised, weapon, null, r.location(), null, "police: " + category);
    }

    private static ParseOutcome ambulance(AmbulanceCallout r) {
        String code = r.complaintCode().toLowerCase(Locale.ROOT);
        boolean penetrating = "AMPDS".equals(r.complaintSystem())
                ? code.startsWith("27")
                : code.contains("stab") || code.contains("gunshot") || code.contains("penetrating");
        return accepted(Feed.AMBULANCE, r.callId(), r.version(), r.status(), r.callTime(), r.callTime(),
                IncidentCategory.VIOLENCE, penetrating, r.ageBand(), r.location(), null,
                "ambulance: " + r.complaintSystem() + " " + r.complaintCode() + ", category " + r.responseCategory());
    }

    private static ParseOutcome ae(AeAttendance r) {
        if (r.assaultTime() != null && r.assaultTime().isAfter(r.arrivalTime())) {
            return ParseOutcome.rejected("assault_time " + r.assaultTime() + " is after arrival_time " + r.arrivalTime());
        }
        boolean weapon = "knife_sharp".equals(r.assaultMethod()) || "firearm".equals(r.assaultMethod());
        Instant when = r.assaultTime() != null ? r.assaultTime() : r.arrivalTime();
        // The free-text location description is dropped here: the location type says enough.
        return accepted(Feed.AE, r.attendanceId(), r.version(), r.status(), when, r.arrivalTime(),
                IncidentCategory.VIOLENCE, weapon, r.ageBand(), r.location(), null,
                "A&E " + r.siteCode() + ": " + r.assaultMethod().replace('_', ' ')
                        + (r.locationType() == null ? "" : ", at " + r.locationType().replace('_', ' ')));
    }

    private ParseOutcome navigator(NavigatorEvent r) {
        return accepted(Feed.NAVIGATOR, r.eventId(), r.version(), r.status(), r.eventTime(), r.eventTime(),
                IncidentCategory.NAVIGATOR, false, r.ageBand(), r.location(), pseudonymiser.pseudonymise(r.personRef()),
                "navigator: " + r.eventType().replace('_', ' ')
                        + (r.riskLevel() == null ? "" : ", risk " + r.riskLevel()));
    }

    private static ParseOutcome intel(IntelReport r) {
        String text = r.text() == null ? "" : r.text();
        if (text.length() > MAX_INTEL_TEXT) {
            text = text.substring(0, MAX_INTEL_TEXT - 1) + "…";
        }
        return accepted(Feed.INTEL, r.reportId(), r.version(), r.status(), r.reportedAt(), r.reportedAt(),
                IncidentCategory.INTEL, false, null, r.location(), null,
                "intel (" + r.grading() + ", tension " + r.tensionLevel() + ")" + (text.isEmpty() ? "" : ": " + text));
    }

    private static ParseOutcome accepted(Feed feed, String id, Integer version, String status, Instant eventTime,
            Instant reportedTime, String category, boolean weapon, String ageBand, GeoLocation location,
            String personPseudonym, String detail) {
        RecordStatus parsedStatus = RecordStatus.parse(status);
        return new ParseOutcome.Accepted(new ReportedEvent(feed.code(), id, version == null ? 1 : version,
                parsedStatus == RecordStatus.CANCELLED, eventTime.toEpochMilli(), reportedTime.toEpochMilli(),
                category, weapon, ageBand, location, personPseudonym, detail));
    }
}
