package org.ember.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.privacy.SmallCountSuppression;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * What a tasking meeting takes away: the current view as GeoJSON, the map as a PNG and a one-page
 * PDF brief (map, the areas that matter most with why, open alerts), all made on the server from
 * the state the console holds and all through the viewer's role: restricted viewers get counts
 * below the threshold as "&lt;N" and no free text, exactly as on the page.
 */
final class Exports {
    static final String[] COUNT_PALETTE = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    static final String[] TENSION_PALETTE = {"#fff5f0", "#fdae61", "#f46d43", "#a50026"};
    private static final DateTimeFormatter LONDON =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));

    private final CoveredAreas areas;
    private final PublicViews views;
    private final SmallCountSuppression suppression;
    private final ObjectMapper mapper = new ObjectMapper();

    Exports(CoveredAreas areas, PublicViews views, SmallCountSuppression suppression) {
        this.areas = areas;
        this.views = views;
        this.suppression = suppression;
    }

    /** Every LSOA with its count (suppressed by role) and tension level, and LA outlines as a second layer. */
    String geoJson(LiveState.Snapshot snapshot, boolean restricted) {
        Map<String, AreaCountsView> counts = counts(snapshot);
        Map<String, TensionUpdate> tension = tension(snapshot);
        GeoJsonWriter writer = new GeoJsonWriter(CoveredAreas.COORDINATE_DECIMALS);
        writer.setEncodeCRS(false);
        ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        try {
            for (CoveredAreas.Lsoa lsoa : areas.lsoas()) {
                ObjectNode feature = features.addObject().put("type", "Feature");
                ObjectNode p = feature.putObject("properties").put("layer", "lsoa").put("code", lsoa.code())
                        .put("name", lsoa.name()).put("lad", lsoa.lad()).put("lad_name", lsoa.ladName());
                AreaCountsView c = counts.get(lsoa.code());
                if (c != null) {
                    PublicViews.ShownCount shown = views.show(c, restricted);
                    if (shown.count24h() == null) {
                        p.put("count_24h", "<" + suppression.threshold());
                    } else {
                        p.put("count_24h", shown.count24h());
                    }
                }
                TensionUpdate t = tensionOf(tension, lsoa);
                if (t != null) {
                    p.put("tension_level", t.level()).put("tension_score", t.score());
                }
                feature.set("geometry", mapper.readTree(writer.write(areas.shape(lsoa.code()))));
            }
            for (Places.Place place : areas.places().all()) {
                ObjectNode feature = features.addObject().put("type", "Feature");
                feature.putObject("properties").put("layer", "lad").put("code", place.code()).put("name", place.name());
                feature.set("geometry", mapper.readTree(writer.write(place.outline())));
            }
            return mapper.writeValueAsString(collection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The map as a PNG: counts (as the viewer may see them) or tension. */
    byte[] png(LiveState.Snapshot snapshot, boolean restricted, String layer, int width, int height) {
        BufferedImage image = picture(snapshot, restricted, layer, width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private BufferedImage picture(LiveState.Snapshot snapshot, boolean restricted, String layer, int width, int height) {
        Map<String, AreaCountsView> counts = counts(snapshot);
        Map<String, TensionUpdate> tension = tension(snapshot);
        List<Long> breaks = PublicViews.classBreaks(suppression.threshold());
        return MapPicture.draw(areas, code -> {
            if ("tension".equals(layer)) {
                TensionUpdate t = tensionOf(tension, areas.lsoa(code).orElseThrow());
                return t == null ? Color.WHITE : Color.decode(TENSION_PALETTE[Math.max(0, Math.min(3, t.levelIndex()))]);
            }
            AreaCountsView c = counts.get(code);
            if (c == null || c.count24h() == 0) {
                return Color.WHITE;
            }
            if (c.count24h() < suppression.threshold()) {
                return Color.decode("#b8b3d9"); // the page's "suppressed" colour, whoever looks: a colour cannot say 1 or 4
            }
            int k = 0;
            for (int i = 0; i < breaks.size(); i++) {
                if (c.count24h() >= breaks.get(i)) {
                    k = i;
                }
            }
            return Color.decode(COUNT_PALETTE[k]);
        }, width, height);
    }

    /** The one-page brief for a tasking meeting. */
    byte[] brief(LiveState.Snapshot snapshot, boolean restricted, String preparedFor) {
        Map<String, AreaCountsView> counts = counts(snapshot);
        Map<String, TensionUpdate> tension = tension(snapshot);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            float margin = 36;
            float width = page.getMediaBox().getWidth() - 2 * margin;
            float y = page.getMediaBox().getHeight() - margin;
            OptionalLong asOf = snapshot.latestEventTime();
            try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                y = line(cs, bold, 18, margin, y, "Ember - tasking brief");
                y = line(cs, regular, 10, margin, y - 2, "Data as of " + (asOf.isPresent()
                        ? LONDON.format(Instant.ofEpochMilli(asOf.getAsLong())) : "no data yet")
                        + " (Europe/London). Prepared for " + preparedFor + ". Handle as OFFICIAL-SENSITIVE.");
                String layer = tension.isEmpty() ? "counts" : "tension";
                BufferedImage map = picture(snapshot, restricted, layer, 1100, 640);
                PDImageXObject image = LosslessFactory.createFromImage(document, map);
                float mapHeight = width * map.getHeight() / map.getWidth();
                y -= mapHeight + 6;
                cs.drawImage(image, margin, y, width, mapHeight);
                y = line(cs, regular, 8, margin, y - 2, "tension".equals(layer)
                        ? "Map: tension by area as published by Ember's fusion stage (white low, orange elevated/high, dark red critical)."
                        : "Map: reports in the last 24 hours per LSOA (pale yellow 5 to dark red 12+; lilac fewer than "
                                + suppression.threshold() + ").");

                y = line(cs, bold, 12, margin, y - 8, "Areas that matter most now");
                for (String row : topAreas(counts, tension, restricted, 8)) {
                    y = line(cs, regular, 9, margin, y, row);
                }
                y = line(cs, bold, 12, margin, y - 8, "Open alerts");
                List<Alert> open = snapshot.alerts().stream().filter(a -> Alert.FIRING.equals(a.state())).limit(10).toList();
                if (open.isEmpty()) {
                    y = line(cs, regular, 9, margin, y, "None.");
                }
                for (Alert a : open) {
                    String text = views.alertNode(a, restricted).path("summary").asText("");
                    y = line(cs, regular, 9, margin, y, a.severity().toUpperCase(Locale.ROOT) + "  " + a.rule() + " - "
                            + a.areaName() + ": " + text);
                }
                if (restricted) {
                    line(cs, regular, 8, margin, Math.min(y - 8, 50),
                            "Counts from 1 to " + (suppression.threshold() - 1) + " are shown as <" + suppression.threshold()
                                    + "; rule texts are left out for this audience.");
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Areas ranked by tension score, then by count: one line each with the why. */
    private List<String> topAreas(Map<String, AreaCountsView> counts, Map<String, TensionUpdate> tension, boolean restricted,
            int limit) {
        List<CoveredAreas.Lsoa> ranked = new ArrayList<>(areas.lsoas());
        ranked.sort(Comparator.comparingDouble((CoveredAreas.Lsoa l) -> {
            TensionUpdate t = tension.get("lsoa:" + l.code());
            return -(t == null ? 0 : t.score());
        }).thenComparingLong(l -> counts.get(l.code()) == null ? 0 : -counts.get(l.code()).count24h())
                .thenComparing(CoveredAreas.Lsoa::code));
        List<String> rows = new ArrayList<>();
        for (CoveredAreas.Lsoa l : ranked) {
            if (rows.size() >= limit) {
                break;
            }
            AreaCountsView c = counts.get(l.code());
            TensionUpdate t = tension.get("lsoa:" + l.code());
            if ((c == null || c.count24h() == 0) && t == null) {
                continue;
            }
            String count = c == null ? "0" : views.show(c, restricted).count24h() == null ? "<" + suppression.threshold()
                    : Long.toString(c.count24h());
            StringBuilder row = new StringBuilder(l.name() + " (" + l.ladName() + "): " + count + " reports in 24 h");
            if (t != null) {
                row.append("; tension ").append(t.level()).append(" - ");
                List<String> why = new ArrayList<>();
                for (TensionContribution contribution : t.contributions()) {
                    why.add(contribution.signal().replace('_', ' ') + " +" + contribution.points());
                }
                row.append(String.join(", ", why));
            }
            rows.add(row.toString());
        }
        if (rows.isEmpty()) {
            rows.add("No reports in the last 24 hours.");
        }
        return rows;
    }

    private static float line(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        String safe = winAnsi(text);
        if (safe.length() > 130) {
            safe = safe.substring(0, 127) + "...";
        }
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y - size);
        cs.showText(safe);
        cs.endText();
        return y - size * 1.35f;
    }

    /** The standard PDF fonts speak WinAnsi: Welsh circumflexes and the like become their base letter. */
    static String winAnsi(String text) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(decomposed.length());
        for (char c : decomposed.toCharArray()) {
            out.append(c >= 32 && c < 127 ? c : c == '\u2013' || c == '\u2014' ? '-' : c == '\u00b7' ? '.' : ' ');
        }
        return out.toString();
    }

    private static Map<String, AreaCountsView> counts(LiveState.Snapshot snapshot) {
        Map<String, AreaCountsView> counts = new HashMap<>();
        snapshot.counts().forEach(c -> counts.put(c.areaId(), c));
        return counts;
    }

    private static Map<String, TensionUpdate> tension(LiveState.Snapshot snapshot) {
        Map<String, TensionUpdate> tension = new HashMap<>();
        snapshot.tension().forEach(t -> tension.put(t.key(), t));
        return tension;
    }

    private static TensionUpdate tensionOf(Map<String, TensionUpdate> tension, CoveredAreas.Lsoa lsoa) {
        TensionUpdate t = tension.get("lsoa:" + lsoa.code());
        return t != null ? t : tension.get("lad:" + lsoa.lad());
    }
}
