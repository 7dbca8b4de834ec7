package org.ember.model.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.ember.model.privacy.PersonalDataScrubber;
import org.ember.model.privacy.Pseudonymiser;

/**
 * What a dead letter keeps of a rejected record: its length, its SHA-256 (to find the original in
 * the partner's own system) and a redacted rendering of its beginning. The rendering follows the
 * same allow-list as ingest: only the fields of the feed's contract keep their values, person
 * references are pseudonymised, free text is replaced by its length, every other value becomes
 * {@code "[redacted]"}, and the rest is scrubbed of anything that looks like an identifier. Bytes
 * that are not JSON keep only their shape (letters as x, digits as 9). The rendering is capped, so
 * a dead letter always fits the producer's {@code max.request.size}.
 */
public final class DeadLetterRedactor {
    /** Longest redacted rendering, in characters. */
    public static final int MAX_RENDERING = 1024;
    private static final int MAX_VALUE = 64;
    private static final int SHAPE_BYTES = 48;
    private static final Set<String> PERSON_FIELDS = Set.of("person_ref");
    private static final Set<String> FREE_TEXT_FIELDS = Set.of("text", "location_description");
    /** Every field name of every feed contract (values under other names are never kept). */
    private static final Set<String> CONTRACT_FIELDS = Set.of(
            "incident_id", "occurred_at", "opening_category", "closing_category", "knife_or_sharp_instrument", "firearm",
            "call_id", "call_time", "complaint_system", "complaint_code", "response_category", "age_band", "sex",
            "conveyed", "attendance_id", "arrival_time", "assault_time", "assault_method", "location_type", "site_code",
            "event_id", "event_time", "event_type", "risk_level", "report_id", "reported_at", "grading",
            "tension_level", "version", "status", "location", "lon", "lat", "easting", "northing", "lsoa_code",
            "postcode_district", "person_ref", "text", "location_description");
    /** Values that may be kept verbatim when they have exactly their contract's shape (else they are scrubbed). */
    private static final java.util.regex.Pattern TIME =
            java.util.regex.Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{5,15}(Z|[+-][0-9]{2}:[0-9]{2})?$");
    private static final java.util.Map<String, java.util.regex.Pattern> VERBATIM = java.util.Map.ofEntries(
            java.util.Map.entry("lsoa_code", java.util.regex.Pattern.compile("^[EW]01[0-9]{6}$")),
            java.util.Map.entry("postcode_district", java.util.regex.Pattern.compile("^[A-Z]{1,2}[0-9][0-9A-Z]?$")),
            java.util.Map.entry("occurred_at", TIME), java.util.Map.entry("call_time", TIME),
            java.util.Map.entry("arrival_time", TIME), java.util.Map.entry("assault_time", TIME),
            java.util.Map.entry("event_time", TIME), java.util.Map.entry("reported_at", TIME),
            // Enumerated words: a closed vocabulary of letters carries nobody's name or number.
            java.util.Map.entry("status", java.util.regex.Pattern.compile("^(active|cancelled)$")),
            java.util.Map.entry("complaint_system", java.util.regex.Pattern.compile("^(AMPDS|PATHWAYS)$")),
            java.util.Map.entry("grading", java.util.regex.Pattern.compile("^(evidenced|experienced|potential)$")),
            java.util.Map.entry("sex", java.util.regex.Pattern.compile("^(female|male|other|unknown)$")),
            java.util.Map.entry("risk_level", java.util.regex.Pattern.compile("^(low|medium|high|unknown)$")),
            java.util.Map.entry("age_band", java.util.regex.Pattern.compile("^([0-9]{1,2}-[0-9]{1,2}|65\\+|unknown)$")),
            java.util.Map.entry("event_type", java.util.regex.Pattern.compile("^(referral|approach|offer_accepted|"
                    + "offer_declined|risk_assessment|safeguarding_referral|support_plan|onward_referral|closure|"
                    + "follow_up|re_attendance)$")),
            java.util.Map.entry("assault_method", java.util.regex.Pattern.compile("^(body_part|blunt_object|"
                    + "bottle_glass|knife_sharp|firearm|other|unknown)$")),
            java.util.Map.entry("location_type", java.util.regex.Pattern.compile("^(street|pub_club|home|school|"
                    + "public_transport|shop|park|other|unknown)$")));
    private static final Set<String> ID_FIELDS = Set.of("incident_id", "call_id", "attendance_id", "event_id", "report_id");
    private static final Set<String> NUMBER_FIELDS = Set.of("lon", "lat", "easting", "northing", "version",
            "response_category");
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 24).build())
            .build();

    /** The redacted original of a rejected record. */
    public record Redacted(int length, String sha256, String rendering) {}

    private final Pseudonymiser pseudonymiser;

    public DeadLetterRedactor(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public Redacted redact(byte[] original) {
        return new Redacted(original.length, sha256(original), render(original));
    }

    private String render(byte[] original) {
        StringBuilder out = new StringBuilder();
        String field = null;
        boolean wroteToken = false;
        try (JsonParser parser = FACTORY.createParser(original)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null && out.length() < MAX_RENDERING) {
                wroteToken = true;
                switch (token) {
                    case START_OBJECT -> out.append('{');
                    case END_OBJECT -> out.append('}');
                    case START_ARRAY -> out.append('[');
                    case END_ARRAY -> out.append(']');
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        out.append(quote(CONTRACT_FIELDS.contains(field) ? field : "[unknown field]")).append(':');
                        continue;
                    }
                    default -> out.append(value(field, token, parser));
                }
                if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                    out.append(' ');
                }
                field = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY ? null : field;
            }
        } catch (IOException | RuntimeException e) {
            out.append(wroteToken ? " …unreadable from here" : "not JSON, shaped: " + shape(original));
        }
        String s = out.toString().strip();
        return s.length() <= MAX_RENDERING ? s : s.substring(0, MAX_RENDERING - 1) + "…";
    }

    /**
     * A value is kept only when it has exactly its field's contract shape (an enumerated word, a
     * time, an area code, a coordinate); a value that broke its contract is what made the record
     * bad and may be anything (a name typed into a category), so it is reduced to its size.
     */
    private String value(String field, JsonToken token, JsonParser parser) throws IOException {
        if (field == null || !CONTRACT_FIELDS.contains(field)) {
            return quote("[redacted]");
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (PERSON_FIELDS.contains(field)) {
                return quote("pseudonym:" + pseudonymiser.pseudonymise(text));
            }
            if (FREE_TEXT_FIELDS.contains(field)) {
                return quote("[free text, " + text.length() + " characters]");
            }
            java.util.regex.Pattern verbatim = VERBATIM.get(field);
            if (verbatim != null && verbatim.matcher(text).matches()) {
                return quote(text);
            }
            if (ID_FIELDS.contains(field)) {
                // Partner references: kept for finding the record, with anything identifier-like masked.
                String clean = PersonalDataScrubber.scrub(text);
                return quote(clean.length() <= MAX_VALUE ? clean : clean.substring(0, MAX_VALUE) + "…");
            }
            return quote("[" + text.length() + " characters, not as the contract says]");
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            String number = parser.getText();
            // Fewer than 10 digits: a coordinate or a version, never an NHS or telephone number.
            long digits = number.chars().filter(Character::isDigit).count();
            return NUMBER_FIELDS.contains(field) && number.length() <= 14 && digits < 10 ? number : quote("[number]");
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
            return token.asString();
        }
        return quote("[redacted]");
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : PersonalDataScrubber.withoutControlCharacters(s).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** The first bytes with letters as x and digits as 9: enough to see what was sent, nothing to read. */
    static String shape(byte[] original) {
        StringBuilder out = new StringBuilder();
        String text = new String(original, 0, Math.min(original.length, SHAPE_BYTES), StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                out.append('x');
            } else if (Character.isDigit(c)) {
                out.append('9');
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out + (original.length > SHAPE_BYTES ? "…" : "");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
