package org.ember.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.model.codec.Json;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.privacy.SmallCountSuppression;

/**
 * Everything that leaves the console about counts and alerts goes through here, so the small-count
 * rule is applied in one place: the state snapshot, the live events, the inbox and the exports.
 * A {@code restricted} view (partners, and anyone on a console without a users file) gets counts
 * below the threshold as "&lt;N" and alerts without free text: the rule's summary and annotations
 * are replaced by a sentence made of the rule, the area and the suppressed value.
 */
final class PublicViews {
    /** One LSOA's count as shown: {@code count_24h} is null when suppressed. */
    record ShownCount(
            @JsonProperty("area_id") String areaId,
            @JsonProperty("count_24h") Long count24h,
            @JsonProperty("suppressed") boolean suppressed,
            @JsonProperty("as_of") long asOf) {}

    static final List<String> CSV_COLUMNS = List.of("lsoa", "name", "lad", "lad_name", "count_24h", "as_of");

    /** Explicit nulls wanted ({@code "count_24h": null}), unlike the topics' dialect, which leaves them out. */
    private final ObjectMapper mapper = new ObjectMapper();
    private final SmallCountSuppression suppression;
    private final List<Long> classBreaks;

    PublicViews(SmallCountSuppression suppression) {
        this.suppression = suppression;
        this.classBreaks = classBreaks(suppression.threshold());
    }

    /**
     * Lower bounds of the map's five colour classes. Fixed, not fitted to the data, so a colour
     * means the same number all day on a wall screen; the first class starts at the suppression
     * threshold because anything below it is drawn as "suppressed". With threshold 5:
     * 5, 6–7, 8–9, 10–11, 12 or more.
     */
    static List<Long> classBreaks(int threshold) {
        long t = threshold;
        return List.of(t, t + 1, t + 3, t + 5, t + 7);
    }

    ShownCount show(AreaCountsView counts) {
        return show(counts, true);
    }

    ShownCount show(AreaCountsView counts, boolean restricted) {
        if (!restricted) {
            return new ShownCount(counts.areaId(), counts.count24h(), false, counts.asOf());
        }
        OptionalLong shown = suppression.shown(counts.count24h());
        return new ShownCount(counts.areaId(), shown.isPresent() ? shown.getAsLong() : null, shown.isEmpty(), counts.asOf());
    }

    /** The body of a {@code counts} event: every changed area since the last one. */
    String countsEvent(Collection<AreaCountsView> changed, boolean restricted) {
        List<ShownCount> shown = new ArrayList<>(changed.size());
        for (AreaCountsView counts : changed) {
            shown.add(show(counts, restricted));
        }
        return write(shown);
    }

    /** The body of an {@code alert} event. */
    String alertEvent(Alert alert, boolean restricted) {
        return write(alertNode(alert, restricted));
    }

    /** An alert as the viewer may see it: the topic's JSON, or for restricted views no free text and no small values. */
    ObjectNode alertNode(Alert alert, boolean restricted) {
        ObjectNode node = Json.mapper().valueToTree(alert);
        if (!restricted) {
            return node;
        }
        long value = Math.round(alert.value());
        boolean small = suppression.suppresses(value);
        node.remove("annotations");
        if (small) {
            node.putNull("value");
        }
        node.put("value_suppressed", small);
        if (suppression.suppresses(Math.round(alert.threshold()))) {
            node.putNull("threshold"); // "at least 2" would tell the same as the value
        }
        node.put("summary", restrictedSummary(alert, small));
        return node;
    }

    private String restrictedSummary(Alert alert, boolean small) {
        String amount = small ? "fewer than " + suppression.threshold() : Long.toString(Math.round(alert.value()));
        String what = Alert.RESOLVED.equals(alert.state()) ? "Resolved: " : "";
        return what + alert.rule() + " in " + alert.areaName() + " (" + amount + ", " + org.ember.rules.delivery.MetricWords.describe(alert.metric()) + ")";
    }

    /** The body of a {@code tension} event: every area whose tension changed since the last one. */
    String tensionEvent(Collection<TensionUpdate> changed, boolean restricted) {
        ArrayNode out = mapper.createArrayNode();
        for (TensionUpdate t : changed) {
            out.add(tensionNode(t, restricted));
        }
        return write(out);
    }

    /**
     * An area's tension as the job published it. The why (contributions by signal) goes to everyone;
     * the duty officer's one-line details and the evidence ids only to unrestricted views.
     */
    ObjectNode tensionNode(TensionUpdate t, boolean restricted) {
        ObjectNode node = mapper.createObjectNode();
        node.put("layer", t.layer());
        node.put("area_id", t.areaId());
        node.put("lad", t.lad());
        node.put("as_of", t.asOf());
        node.put("level", t.level());
        node.put("level_index", t.levelIndex());
        node.put("score", t.score());
        if (t.previousLevel() != null) {
            node.put("previous_level", t.previousLevel());
        }
        ArrayNode why = node.putArray("contributions");
        for (TensionContribution c : t.contributions()) {
            ObjectNode row = why.addObject();
            row.put("signal", c.signal());
            row.put("points", c.points());
            if (!restricted) {
                row.put("value", c.value());
                row.put("detail", c.detail());
                ArrayNode evidence = row.putArray("evidence");
                c.evidence().forEach(evidence::add);
            }
        }
        return node;
    }

    /** The body of a {@code hotspots} event. */
    String hotspotsEvent(Collection<HotspotUpdate> changed, boolean restricted) {
        ArrayNode out = mapper.createArrayNode();
        for (HotspotUpdate h : changed) {
            out.add(hotspotNode(h, restricted));
        }
        return write(out);
    }

    /**
     * A cell or cluster as the viewer may see it. Cells are already aggregates (250 m squares);
     * restricted viewers get their small counts suppressed, and clusters without their member
     * incident ids (which would point at individual incidents).
     */
    ObjectNode hotspotNode(HotspotUpdate h, boolean restricted) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", h.type());
        node.put("layer", h.layer());
        node.put("id", h.areaId());
        node.put("lad", h.lad());
        node.put("as_of", h.asOf());
        if (h.lon() != null && h.lat() != null) {
            node.put("lon", h.lon());
            node.put("lat", h.lat());
        }
        ObjectNode values = node.putObject("values");
        if (h.values() != null) {
            h.values().forEach((k, v) -> {
                boolean count = k.startsWith("incidents") || k.equals("members") || k.equals("cluster_members") || k.equals("observed");
                if (restricted && count && v != null && suppression.suppresses(Math.round(v))) {
                    values.put(k, "<" + suppression.threshold());
                } else if (v != null) {
                    values.put(k, v);
                }
            });
        }
        ObjectNode labels = node.putObject("labels");
        if (h.labels() != null) {
            h.labels().forEach(labels::put);
        }
        if (h.members() != null && (!restricted || "scan".equals(h.layer()))) {
            ArrayNode members = node.putArray("members"); // scan members are LSOA codes, cluster members incident ids
            h.members().forEach(members::add);
        }
        return node;
    }

    /** The state at an hour of the past, each area with its usual 24-hour count then (suppressed like any count). */
    String stateWithUsual(LiveState.Snapshot snapshot, boolean restricted, History history, long at, long[] span) {
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(state(snapshot, restricted));
            root.put("at", at);
            root.put("history_from", span[0]);
            root.put("history_to", span[1]);
            ObjectNode usual = root.putObject("usual_24h");
            for (AreaCountsView c : snapshot.counts()) {
                java.util.OptionalDouble mean = history.usual(c.areaId(), at);
                if (mean.isPresent()) {
                    double value = Math.round(mean.getAsDouble() * 10) / 10.0;
                    if (restricted && value > 0 && value < suppression.threshold()) {
                        usual.put(c.areaId(), "<" + suppression.threshold());
                    } else {
                        usual.put(c.areaId(), value);
                    }
                }
            }
            return write(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a browser needs to join at any time. */
    String state(LiveState.Snapshot snapshot, boolean restricted) {
        ObjectNode root = mapper.createObjectNode();
        if (snapshot.latestEventTime().isPresent()) {
            root.put("as_of", snapshot.latestEventTime().getAsLong());
        } else {
            root.putNull("as_of");
        }
        root.put("suppression_threshold", suppression.threshold());
        root.put("restricted", restricted);
        ArrayNode breaks = root.putArray("class_breaks");
        classBreaks.forEach(breaks::add);
        ArrayNode counts = root.putArray("counts");
        for (AreaCountsView view : snapshot.counts()) {
            counts.add(mapper.valueToTree(show(view, restricted)));
        }
        ArrayNode tension = root.putArray("tension");
        for (TensionUpdate t : snapshot.tension()) {
            tension.add(tensionNode(t, restricted));
        }
        ArrayNode spots = root.putArray("hotspots");
        for (HotspotUpdate h : snapshot.hotspots()) {
            spots.add(hotspotNode(h, restricted));
        }
        ArrayNode alerts = root.putArray("alerts");
        for (Alert alert : snapshot.alerts()) {
            alerts.add(alertNode(alert, restricted));
        }
        return write(root);
    }

    /**
     * The map as a table for tasking meetings: every drawn LSOA, highest counts first. Suppressed
     * counts read "&lt;threshold" and are ordered among themselves by code only, so the order
     * gives nothing away either.
     */
    String csv(LiveState.Snapshot snapshot, CoveredAreas areas, boolean restricted) {
        Map<String, AreaCountsView> latest = new HashMap<>();
        snapshot.counts().forEach(c -> latest.put(c.areaId(), c));
        List<CoveredAreas.Lsoa> rows = new ArrayList<>(areas.lsoas());
        rows.sort(Comparator.comparingDouble((CoveredAreas.Lsoa l) -> -rank(latest.get(l.code()), restricted))
                .thenComparing(CoveredAreas.Lsoa::code));
        StringBuilder out = new StringBuilder(rows.size() * 80);
        out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (CoveredAreas.Lsoa lsoa : rows) {
            AreaCountsView counts = latest.get(lsoa.code());
            String count = "";
            String asOf = "";
            if (counts != null) {
                OptionalLong shown = restricted ? suppression.shown(counts.count24h()) : OptionalLong.of(counts.count24h());
                count = shown.isPresent() ? Long.toString(shown.getAsLong()) : "<" + suppression.threshold();
                asOf = Instant.ofEpochMilli(counts.asOf()).toString();
            }
            out.append(csvCell(lsoa.code())).append(',')
                    .append(csvCell(lsoa.name())).append(',')
                    .append(csvCell(lsoa.lad())).append(',')
                    .append(csvCell(lsoa.ladName())).append(',')
                    .append(csvCell(count)).append(',')
                    .append(csvCell(asOf)).append("\r\n");
        }
        return out.toString();
    }

    /** Sort key that never separates suppressed counts from each other. */
    private double rank(AreaCountsView counts, boolean restricted) {
        if (counts == null) {
            return -1;
        }
        return restricted && suppression.suppresses(counts.count24h()) ? suppression.threshold() - 0.5 : counts.count24h();
    }

    /** RFC 4180 quoting; a leading formula character is defused so a spreadsheet shows text. */
    static String csvCell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
