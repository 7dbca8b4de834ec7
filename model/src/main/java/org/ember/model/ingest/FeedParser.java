package org.ember.model.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
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
import org.ember.model.privacy.PersonalDataScrubber;
import org.ember.model.privacy.Pseudonymiser;

/**
 * Turns a partner's raw bytes into a {@link ReportedEvent}: parse, check against the feed's
 * contract, drop what the allow-list does not name, pseudonymise person references and map the
 * partner's vocabulary onto Ember's categories. Never throws on bad input: it says why instead.
 *
 * <p>Nothing a partner sends is trusted beyond its contract and the {@link IngestLimits}: the
 * record's size, its JSON's depth and string lengths, duplicate keys, and its times against its
 * arrival and the wall clock are checked before anything is kept. Reasons never echo the record's
 * content (they may land in logs and on the dead-letter topic).
 *
 * <p>Two paths, one result. Most records are read once, token by token, by the feed's
 * {@link StreamingFeedReader}, which checks the contract as it reads and declines anything unusual;
 * every declined record takes the checked path (the whole tree, the schema library, data binding),
 * which says why a record is refused. Both end in the same mapping and the same time checks.
 */
public final class FeedParser implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Longest free text kept from an intelligence report; longer text is cut, not rejected. */
    static final int MAX_INTEL_TEXT = 280;

    /** Longest reason kept; a schema report of many violations is cut. */
    static final int MAX_REASON = 600;
    /** Arrival time when the caller does not know it: only the wall clock and {@link IngestLimits#EARLIEST} bound times. */
    public static final long UNKNOWN_ARRIVAL = Long.MIN_VALUE;

    private final Pseudonymiser pseudonymiser;
    private final IngestLimits limits;
    private final Clock clock;
    private transient FeedContracts contracts;
    private transient ObjectMapper mapper;
    private transient EnumMap<Feed, StreamingFeedReader> streaming;
    private transient JsonFactory streamingFactory;
    private transient volatile java.util.concurrent.ConcurrentHashMap<String, PoliceCategory> policeCategories;

    /** A police category's Ember category and the incident's detail text (both pure functions of it). */
    private record PoliceCategory(String normalised, String detail) {}

    /** Police categories remembered: a feed uses a small fixed vocabulary; past this many, map afresh. */
    private static final int MAX_POLICE_CATEGORIES = 256;

    public FeedParser(Pseudonymiser pseudonymiser) {
        this(pseudonymiser, IngestLimits.defaults(), Clock.systemUTC());
    }

    public FeedParser(Pseudonymiser pseudonymiser, IngestLimits limits, Clock clock) {
        this.pseudonymiser = pseudonymiser;
        this.limits = limits;
        this.clock = clock;
    }

    public IngestLimits limits() {
        return limits;
    }

    /** Parses a record whose arrival time is not known (tests, tools): times bounded by the wall clock only. */
    public ParseOutcome parse(Feed feed, byte[] bytes) {
        return parse(feed, bytes, UNKNOWN_ARRIVAL);
    }

    /**
     * @param arrivalMillis when the record arrived (its Kafka timestamp), or {@link #UNKNOWN_ARRIVAL}
     */
    public ParseOutcome parse(Feed feed, byte[] bytes, long arrivalMillis) {
        if (bytes.length > limits.maxRecordBytes()) {
            return ParseOutcome.rejected("record of " + bytes.length + " bytes is larger than the limit of "
                    + limits.maxRecordBytes() + " bytes");
        }
        StreamingFeedReader streaming = streamingReader(feed);
        Object record = streaming == null ? null : streaming.read(streamingFactory(), bytes);
        return plausible(record != null ? fromRecord(feed, record) : checked(feed, bytes), arrivalMillis);
    }

    /**
     * The checked path alone, without the streaming reader: what {@link #parse} gives for every record
     * (tests compare the two).
     */
    ParseOutcome parseChecked(Feed feed, byte[] bytes, long arrivalMillis) {
        if (bytes.length > limits.maxRecordBytes()) {
            return ParseOutcome.rejected("record of " + bytes.length + " bytes is larger than the limit of "
                    + limits.maxRecordBytes() + " bytes");
        }
        return plausible(checked(feed, bytes), arrivalMillis);
    }

    /**
     * The path for every record the streaming reader declines: the whole tree, the contract (every
     * violation in the schema library's words), then the record read from the tree.
     */
    private ParseOutcome checked(Feed feed, byte[] bytes) {
        JsonNode tree;
        try {
            tree = mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            // Limits (depth, lengths) are reported without a location.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return ParseOutcome.rejected("not valid JSON: " + withoutEcho(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            return ParseOutcome.rejected("not readable: " + withoutEcho(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return ParseOutcome.rejected("not a JSON object");
        }
        List<String> violations = contracts().violations(feed, tree);
        if (!violations.isEmpty()) {
            return ParseOutcome.rejected(cap("violates the " + feed.topic() + " contract: "
                    + withoutEcho(String.join("; ", violations))));
        }
        try {
            return fromRecord(feed, switch (feed) {
                case POLICE -> policeRecord(tree);
                case AMBULANCE -> Json.mapper().treeToValue(tree, AmbulanceCallout.class);
                case AE -> Json.mapper().treeToValue(tree, AeAttendance.class);
                case NAVIGATOR -> Json.mapper().treeToValue(tree, NavigatorEvent.class);
                case INTEL -> Json.mapper().treeToValue(tree, IntelReport.class);
            });
        } catch (JsonProcessingException e) {
            return ParseOutcome.rejected(cap("cannot read " + feed.topic() + " record: " + withoutEcho(e.getOriginalMessage())));
        }
    }

    /** The event of a feed's record that meets its contract. */
    private ParseOutcome fromRecord(Feed feed, Object record) {
        return switch (feed) {
            case POLICE -> police((PoliceIncident) record, policeCategory((PoliceIncident) record));
            case AMBULANCE -> ambulance((AmbulanceCallout) record);
            case AE -> ae((AeAttendance) record);
            case NAVIGATOR -> navigator((NavigatorEvent) record);
            case INTEL -> intel((IntelReport) record);
        };
    }

    /** The outcome, or a rejection when an accepted event's times cannot be right. */
    private ParseOutcome plausible(ParseOutcome outcome, long arrivalMillis) {
        if (outcome instanceof ParseOutcome.Accepted accepted) {
            String implausible = implausibleTime(accepted.event(), arrivalMillis);
            if (implausible != null) {
                return ParseOutcome.rejected(implausible);
            }
        }
        return outcome;
    }

    /**
     * Why a record's times cannot be right, or null: before {@link IngestLimits#EARLIEST}, more than
     * {@code maxAge} before its arrival, or more than {@code maxAhead} after its arrival or the wall clock.
     */
    private String implausibleTime(ReportedEvent event, long arrivalMillis) {
        long now = clock.millis();
        long ahead = limits.maxAhead().toMillis();
        for (long t : new long[] {event.eventTime(), event.reportedTime()}) {
            if (t < IngestLimits.EARLIEST.toEpochMilli()) {
                return "event time " + Instant.ofEpochMilli(t) + " is before " + IngestLimits.EARLIEST
                        + " (implausible for any partner system)";
            }
            if (t > now + ahead) {
                return "event time " + Instant.ofEpochMilli(t) + " is more than " + limits.maxAhead()
                        + " ahead of the clock (" + Instant.ofEpochMilli(now) + ")";
            }
            if (arrivalMillis > 0) { // 0 and negative: no timestamp (Kafka's NO_TIMESTAMP is -1)
                if (t > arrivalMillis + ahead) {
                    return "event time " + Instant.ofEpochMilli(t) + " is more than " + limits.maxAhead()
                            + " after the record arrived (" + Instant.ofEpochMilli(arrivalMillis) + ")";
                }
                if (t < arrivalMillis - limits.maxAge().toMillis()) {
                    return "event time " + Instant.ofEpochMilli(t) + " is more than " + limits.maxAge()
                            + " before the record arrived (" + Instant.ofEpochMilli(arrivalMillis) + ")";
                }
            }
        }
        return null;
    }

    /**
     * A parser's or validator's message without what it quoted from the record: a name or an NHS
     * number in a wrong-typed field must not reach the dead-letter topic or a log through the reason.
     */
    static String withoutEcho(String message) {
        if (message == null) {
            return "";
        }
        String s = message.length() > 2 * MAX_REASON ? message.substring(0, 2 * MAX_REASON) : message;
        // Quoted field names (lower-case words) stay so the reason names the field at fault.
        s = s.replaceAll("'(?![a-z_]{1,40}')[^']{0,2000}'", "'…'")
                .replaceAll("\"(?![a-z_]{1,40}\")[^\"]{0,2000}\"", "\"…\"");
        return cap(PersonalDataScrubber.scrub(s));
    }

    private static String cap(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(constraints())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();
            mapper = Json.mapper().copyWith(factory);
        }
        return mapper;
    }

    /**
     * The streaming reader's parsers: the same limits as the tree's, without Jackson's duplicate-key
     * detection (a name set per object, a tenth of the streaming path): the reader refuses a repeated
     * field itself, and nothing else it accepts holds names.
     */
    private JsonFactory streamingFactory() {
        if (streamingFactory == null) {
            streamingFactory = JsonFactory.builder().streamReadConstraints(constraints()).build();
        }
        return streamingFactory;
    }

    private StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(64)
                .maxNameLength(256)
                .build();
    }

    /** The feed's streaming reader, or null when its schema changed since its layout was written. */
    private StreamingFeedReader streamingReader(Feed feed) {
        if (streaming == null) {
            streaming = new EnumMap<>(Feed.class);
            for (Feed f : Feed.values()) {
                StreamingFeedReader reader = StreamingFeedReader.forFeed(f);
                if (reader != null) {
                    streaming.put(f, reader);
                }
            }
        }
        return streaming.get(feed);
    }

    private FeedContracts contracts() {
        if (contracts == null) {
            contracts = new FeedContracts();
        }
        return contracts;
    }

    /** The police record read straight from the tree when its shape allows, else by data binding. */
    private static PoliceIncident policeRecord(JsonNode tree) throws JsonProcessingException {
        PoliceIncident quick = PoliceRecordReader.read(tree);
        return quick != null ? quick : Json.mapper().treeToValue(tree, PoliceIncident.class);
    }

    private static ParseOutcome police(PoliceIncident r, PoliceCategory category) {
        boolean weapon = Boolean.TRUE.equals(r.knifeOrSharpInstrument())
                || Boolean.TRUE.equals(r.firearm())
                || IncidentCategory.WEAPON.equals(category.normalised());
        return accepted(Feed.POLICE, r.incidentId(), r.version(), r.status(), r.occurredAt(), r.occurredAt(),
                category.normalised(), weapon, null, r.location(), null, category.detail());
    }

    /**
     * The record's category (closing, else opening) mapped to Ember's, with its detail text: remembered
     * per category string, since lower-casing and scanning it and building the text again for every
     * record was ~3 % of the police ingest thread.
     */
    private PoliceCategory policeCategory(PoliceIncident r) {
        String category = r.closingCategory() != null && !r.closingCategory().isBlank()
                ? r.closingCategory()
                : r.openingCategory();
        if (category == null) {
            return policeCategoryAfresh(null);
        }
        if (policeCategories == null) {
            policeCategories = new java.util.concurrent.ConcurrentHashMap<>();
        }
        PoliceCategory known = policeCategories.get(category);
        if (known != null) {
            return known;
        }
        PoliceCategory mapped = policeCategoryAfresh(category);
        if (policeCategories.size() < MAX_POLICE_CATEGORIES) {
            policeCategories.putIfAbsent(category, mapped);
        }
        return mapped;
    }

    private static PoliceCategory policeCategoryAfresh(String category) {
        return new PoliceCategory(IncidentCategory.fromPoliceCategory(category), "police: " + category);
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
        // The text is the report's substance, so it is kept, but without what identifies a person.
        String text = r.text() == null ? "" : PersonalDataScrubber.scrub(r.text());
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
