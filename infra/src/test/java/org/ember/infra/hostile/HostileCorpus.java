package org.ember.infra.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ember.model.Feed;

/**
 * Records an attacker or a careless partner system sends, each of which must end in
 * {@code ember.dlq} with a reason and leave the job running. Personal identifiers of a made-up
 * person run through them; none may appear in any output topic or the log.
 */
final class HostileCorpus {
    /** The made-up person's identifiers, as they appear in the corpus. */
    static final List<String> PERSONAL = List.of("Jane Doe", "JANE-DOE", "9434765919", "943 476 5919",
            "jane.doe@example.org", "07700 900123", "07700900123", "CF10 1AA");

    record Hostile(String label, Feed feed, byte[] value) {}

    private HostileCorpus() {}

    private static final String POLICE = """
            {"incident_id":"%s","occurred_at":"%s","opening_category":"%s","location":{%s}}""";
    private static final String CARDIFF = "\"lon\":-3.179,\"lat\":51.479";

    private static Hostile police(String label, String id, String when, String category, String location) {
        return new Hostile(label, Feed.POLICE, POLICE.formatted(id, when, category, location).getBytes(StandardCharsets.UTF_8));
    }

    private static Hostile text(String label, Feed feed, String json) {
        return new Hostile(label, feed, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every hostile record; {@code tag} makes ids unique per round. */
    static List<Hostile> all(String tag) {
        List<Hostile> out = new ArrayList<>();
        for (String when : List.of("2017-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "2016-12-31T23:59:60Z", "2100-01-01T00:00:00Z")) {
            out.add(police("dated " + when, "H" + tag + "-" + when.substring(0, 4), when, "Possession of weapons", CARDIFF));
        }
        String ok = "2025-03-14T22:30:00Z";
        out.add(new Hostile("1 MB malformed", Feed.POLICE, ("{\"incident_id\":\"" + "Jane Doe 9434765919 ".repeat(52_000))
                .getBytes(StandardCharsets.UTF_8)));
        out.add(text("1 MB string", Feed.INTEL, """
                {"report_id":"I%s-1","reported_at":"%s","grading":"potential","tension_level":"high","text":"%s",
                 "location":{"lsoa_code":"W01001694"}}""".formatted(tag, ok, "x".repeat(1 << 20))));
        out.add(new Hostile("10 MB record", Feed.AE, ("{\"attendance_id\":\"A" + tag + "\",\"pad\":\""
                + "jane.doe@example.org ".repeat(500_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        out.add(text("navigator with person_ref, bad type", Feed.NAVIGATOR, """
                {"event_id":"N%s-1","event_time":"%s","event_type":"kidnap","person_ref":"JANE-DOE-1990",
                 "full_name":"Jane Doe","nhs_number":"943 476 5919","location":{"lsoa_code":"W01001694"}}"""
                .formatted(tag, ok)));
        out.add(police("NHS number in category", "H" + tag + "-nhs", ok, "Assault 943 476 5919", CARDIFF));
        out.add(police("name in category", "H" + tag + "-name", ok, "Jane Doe<script>alert(1)</script>", CARDIFF));
        out.add(police("e-mail in category", "H" + tag + "-mail", ok, "jane.doe@example.org", CARDIFF));
        out.add(police("formula in category", "H" + tag + "-formula", ok, "=HYPERLINK(\\\"http://evil\\\")", CARDIFF));
        out.add(text("phone in site_code", Feed.AE, """
                {"attendance_id":"A%s-1","arrival_time":"%s","assault_method":"other","site_code":"07700 900123",
                 "location":{"lsoa_code":"W01001694"}}""".formatted(tag, ok)));
        out.add(text("NHS number in complaint_code", Feed.AMBULANCE, """
                {"call_id":"C%s-1","call_time":"%s","complaint_system":"AMPDS","complaint_code":"9434765919",
                 "response_category":1,"location":{"lsoa_code":"W01001694"}}""".formatted(tag, ok)));
        out.add(text("HTML in tension_level", Feed.INTEL, """
                {"report_id":"I%s-2","reported_at":"%s","grading":"potential","tension_level":"<b>Jane Doe</b>",
                 "location":{"lsoa_code":"W01001694"}}""".formatted(tag, ok)));
        for (String id : List.of("NUL\\u0000", "CRLF\\r\\nSet-Cookie: x", "RLO\\u202eevil", "lone\\ud800", "DEL\\u007f")) {
            out.add(police("control character " + id.replaceAll("\\\\.*", ""), "H" + tag + "-" + id, ok, "Robbery", CARDIFF));
        }
        StringBuilder every = new StringBuilder();
        for (int c = 0; c < 0x20; c++) {
            every.append(String.format("\\u%04x", c));
        }
        out.add(police("every control character", "H" + tag + every, ok, "Robbery", CARDIFF));
        out.add(police("NaN coordinates", "H" + tag + "-nan", ok, "Robbery", "\"lon\":NaN,\"lat\":NaN"));
        out.add(police("Infinity coordinates", "H" + tag + "-inf", ok, "Robbery", "\"lon\":Infinity,\"lat\":-Infinity"));
        out.add(police("overflowing coordinates", "H" + tag + "-1e400", ok, "Robbery", "\"lon\":1e400,\"lat\":1e400"));
        out.add(police("out of the UK", "H" + tag + "-paris", ok, "Robbery", "\"lon\":2.35,\"lat\":48.85"));
        out.add(police("null island", "H" + tag + "-null", ok, "Robbery", "\"lon\":0,\"lat\":0"));
        out.add(text("wrong types", Feed.POLICE, """
                {"incident_id":42,"occurred_at":1741991400,"opening_category":["Robbery"],"version":"two",
                 "location":"Jane Doe's house"}"""));
        out.add(new Hostile("deep nesting", Feed.POLICE,
                ("{\"incident_id\":\"H" + tag + "-deep\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        out.add(text("duplicate keys", Feed.POLICE, """
                {"incident_id":"H%s-dup","incident_id":"H%s-dup2","occurred_at":"%s","opening_category":"Robbery",
                 "location":{%s}}""".formatted(tag, tag, ok, CARDIFF)));
        out.add(new Hostile("not UTF-8", Feed.POLICE, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28}));
        out.add(new Hostile("empty", Feed.INTEL, new byte[0]));
        return out;
    }
}
