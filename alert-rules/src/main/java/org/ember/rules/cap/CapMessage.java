package org.ember.rules.cap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CAP 1.2 message with one {@code info} and one {@code area}: what Ember publishes for each
 * alert transition.
 *
 * @param identifier  unique, no spaces, commas, '&lt;' or '&amp;'
 * @param sender      who sends (no spaces, commas, '&lt;' or '&amp;')
 * @param sent        written as {@code 2026-03-01T23:30:00+00:00}
 * @param status      Actual, Exercise, System, Test or Draft
 * @param msgType     Alert, Update or Cancel
 * @param scope       Public or Restricted
 * @param restriction who may see a Restricted message
 * @param references  earlier messages this one updates or cancels, as {@code sender,identifier,sent}
 * @param info        the alert's content
 */
public record CapMessage(String identifier, String sender, Instant sent, String status, String msgType, String scope,
        String restriction, List<String> references, Info info) {

    public static final String ALERT = "Alert";
    public static final String UPDATE = "Update";
    public static final String CANCEL = "Cancel";
    public static final String RESTRICTED = "Restricted";
    public static final String PUBLIC = "Public";

    public CapMessage {
        references = List.copyOf(references);
    }

    /** This message as an entry of another message's {@code references}. */
    public String reference() {
        return sender + "," + identifier + "," + CapWriter.time(sent);
    }

    /**
     * @param category    CAP category, e.g. Safety
     * @param event       what happened, in a few words
     * @param urgency     Immediate, Expected, Future, Past, Unknown
     * @param severity    Extreme, Severe, Moderate, Minor, Unknown
     * @param certainty   Observed, Likely, Possible, Unlikely, Unknown
     * @param headline    one line
     * @param description what, where, when, why
     * @param web         link to more, or null
     * @param parameters  name → value pairs
     * @param area        where
     */
    public record Info(String category, String event, String urgency, String severity, String certainty, String headline,
            String description, String web, Map<String, String> parameters, Area area) {
        public Info {
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * @param description readable name of the area
     * @param polygons    each "lat,lon lat,lon …", closed (first pair repeated last)
     * @param geocodes    name → code, e.g. ONS → W01001700
     */
    public record Area(String description, List<String> polygons, Map<String, String> geocodes) {
        public Area {
            polygons = List.copyOf(polygons);
            geocodes = Map.copyOf(geocodes);
        }
    }
}
