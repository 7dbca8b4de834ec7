package org.ember.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ember.model.AreaCountsView;
import org.ember.model.codec.Json;

/**
 * Writes {@link AreaCountsView} as the very bytes Ember's JSON mapper writes, without the mapper:
 * every record publishes one or two area counts on {@code ember.hotspots}, and the general mapper
 * was a seventh of the counts task (docs/benchmarks-throughput.md). Any string that would need JSON
 * escaping goes to the mapper instead; {@code AreaCountsJsonTest} compares both byte for byte.
 */
final class AreaCountsJson {
    private AreaCountsJson() {}

    static byte[] write(AreaCountsView v) {
        if (!plain(v.type()) || !plain(v.layer()) || !plain(v.areaId()) || !plainKeys(v.byCategory24h())
                || !plainKeys(v.byFeed24h())) {
            return Json.toBytes(v);
        }
        StringBuilder out = new StringBuilder(160);
        out.append("{\"type\":\"").append(v.type())
                .append("\",\"layer\":\"").append(v.layer())
                .append("\",\"area_id\":\"").append(v.areaId())
                .append("\",\"as_of\":").append(v.asOf())
                .append(",\"count1h\":").append(v.count1h())
                .append(",\"count24h\":").append(v.count24h())
                .append(",\"count7d\":").append(v.count7d());
        map(out.append(",\"by_category24h\":"), v.byCategory24h());
        map(out.append(",\"by_feed24h\":"), v.byFeed24h());
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void map(StringBuilder out, Map<String, Long> values) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(e.getKey()).append("\":").append(e.getValue().longValue());
        }
        out.append('}');
    }

    private static boolean plainKeys(Map<String, Long> values) {
        if (values == null) {
            return false;
        }
        for (Map.Entry<String, Long> e : values.entrySet()) {
            if (!plain(e.getKey()) || e.getValue() == null) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without quote or backslash: written as it is. */
    private static boolean plain(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
