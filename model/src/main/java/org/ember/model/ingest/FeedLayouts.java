package org.ember.model.ingest;

import static org.ember.model.ingest.FeedLayout.Field.bool;
import static org.ember.model.ingest.FeedLayout.Field.instant;
import static org.ember.model.ingest.FeedLayout.Field.integer;
import static org.ember.model.ingest.FeedLayout.Field.location;
import static org.ember.model.ingest.FeedLayout.Field.text;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.ember.model.Feed;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.NavigatorEvent;
import org.ember.model.feeds.PoliceIncident;

/**
 * The five feeds' schemas (model/src/main/resources/schemas) written out for the streaming reader.
 * Each layout names the SHA-256 of the schema file it was written from: when a schema changes, its
 * feed's streaming path is off (every record takes the checked path) until the layout here is
 * brought in line and the hash updated; {@code StreamingFeedReaderTest} fails meanwhile, to say so.
 */
final class FeedLayouts {
    private FeedLayouts() {}

    private static final Predicate<String> STATUS = TextRules.oneOf("active", "cancelled");
    private static final Predicate<String> AGE_BAND =
            TextRules.oneOf("0-9", "10-14", "15-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown");
    private static final int ANY = Integer.MAX_VALUE;

    static FeedLayout of(Feed feed) {
        return switch (feed) {
            case POLICE -> police();
            case AMBULANCE -> ambulance();
            case AE -> ae();
            case NAVIGATOR -> navigator();
            case INTEL -> intel();
        };
    }

    private static FeedLayout police() {
        return new FeedLayout("5502e095127e01171cca56963e344e57d60187e84daf2132ad9c4154fcce30f7",
                List.of(text("incident_id", TextRules::reference, true), integer("version", 1, ANY),
                        text("status", STATUS, false), instant("occurred_at", true),
                        text("opening_category", TextRules::policeCategory, true),
                        text("closing_category", TextRules::policeCategoryOrEmpty, false),
                        bool("knife_or_sharp_instrument"), bool("firearm"), location()),
                v -> true,
                v -> new PoliceIncident((String) v[0], (Integer) v[1], (String) v[2], (Instant) v[3], (String) v[4],
                        (String) v[5], (Boolean) v[6], (Boolean) v[7], (GeoLocation) v[8]));
    }

    private static FeedLayout ambulance() {
        Predicate<String> ampds = TextRules.wholeMatch("^[0-9]{1,2}([A-EO][0-9]{2}[A-Z]?)?$");
        Predicate<String> pathways = TextRules.wholeMatch("^(Dx[0-9]{2,4}|[A-Za-z][A-Za-z ,_/-]{0,47})$");
        return new FeedLayout("918007ebb9ae81993abb2b1c63a3f610ae5ede27931f8d84605908972d3898f1",
                List.of(text("call_id", TextRules::reference, true), integer("version", 1, ANY),
                        text("status", STATUS, false), instant("call_time", true),
                        text("complaint_system", TextRules.oneOf("AMPDS", "PATHWAYS"), true),
                        text("complaint_code", TextRules.wholeMatch("^[A-Za-z0-9][A-Za-z0-9 ,_/-]{0,47}$"), true),
                        integer("response_category", 1, 4, true), text("age_band", AGE_BAND, false),
                        text("sex", TextRules.oneOf("female", "male", "other", "unknown"), false), bool("conveyed"),
                        location()),
                // allOf: if complaint_system is AMPDS (PATHWAYS), complaint_code meets that system's pattern
                v -> "AMPDS".equals(v[4]) ? ampds.test((String) v[5]) : pathways.test((String) v[5]),
                v -> new AmbulanceCallout((String) v[0], (Integer) v[1], (String) v[2], (Instant) v[3], (String) v[4],
                        (String) v[5], (Integer) v[6], (String) v[7], (String) v[8], (Boolean) v[9], (GeoLocation) v[10]));
    }

    private static FeedLayout ae() {
        return new FeedLayout("edc9e86beaf85c246eb1b056216f11ab0a761988b817abbfce4d78af89228fb6",
                List.of(text("attendance_id", TextRules::reference, true), integer("version", 1, ANY),
                        text("status", STATUS, false), instant("arrival_time", true), instant("assault_time", false),
                        text("assault_method", TextRules.oneOf("body_part", "blunt_object", "bottle_glass", "knife_sharp",
                                "firearm", "other", "unknown"), true),
                        text("location_type", TextRules.oneOf("street", "pub_club", "home", "school", "public_transport",
                                "shop", "park", "other", "unknown"), false),
                        text("location_description", TextRules.atMost(200), false),
                        text("site_code", TextRules::siteCode, true), text("age_band", AGE_BAND, false), location()),
                v -> true,
                v -> new AeAttendance((String) v[0], (Integer) v[1], (String) v[2], (Instant) v[3], (Instant) v[4],
                        (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9], (GeoLocation) v[10]));
    }

    private static FeedLayout navigator() {
        return new FeedLayout("aac07692e83be06a45cad89335d6147095d28f633bf9d761690bcadd44c1bdc8",
                List.of(text("event_id", TextRules::reference, true), integer("version", 1, ANY),
                        text("status", STATUS, false), instant("event_time", true),
                        text("event_type", TextRules.oneOf("referral", "approach", "offer_accepted", "offer_declined",
                                "risk_assessment", "safeguarding_referral", "support_plan", "onward_referral", "closure",
                                "follow_up", "re_attendance"), true),
                        text("person_ref", TextRules::reference, true), text("site_code", TextRules::siteCode, false),
                        text("risk_level", TextRules.oneOf("low", "medium", "high", "unknown"), false),
                        text("age_band", AGE_BAND, false), location()),
                v -> true,
                v -> new NavigatorEvent((String) v[0], (Integer) v[1], (String) v[2], (Instant) v[3], (String) v[4],
                        (String) v[5], (String) v[6], (String) v[7], (String) v[8], (GeoLocation) v[9]));
    }

    private static FeedLayout intel() {
        return new FeedLayout("56c3f5b981fb30600c6684e5a892b9cc854d25afb2daa19aa4c196464f4b0641",
                List.of(text("report_id", TextRules::reference, true), integer("version", 1, ANY),
                        text("status", STATUS, false), instant("reported_at", true),
                        text("grading", TextRules.oneOf("evidenced", "experienced", "potential"), true),
                        text("tension_level", TextRules::tensionLevel, true), text("text", TextRules.atMost(2000), false),
                        location()),
                v -> true,
                v -> new IntelReport((String) v[0], (Integer) v[1], (String) v[2], (Instant) v[3], (String) v[4],
                        (String) v[5], (String) v[6], (GeoLocation) v[7]));
    }
}
