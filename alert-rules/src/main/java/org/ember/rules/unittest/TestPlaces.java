package org.ember.rules.unittest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ember.rules.YamlPositions;
import org.ember.rules.areas.KnownAreas;

/**
 * The places a rule-test file may name: the file's own named places ({@code places:}, name → LSOA or
 * local authority code) and any code of an area the deployment covers. A place resolves to
 * {layer, code}.
 */
final class TestPlaces {
    private static final Pattern LSOA = Pattern.compile("[EW]01\\d{6}");
    private static final Pattern LAD = Pattern.compile("[EW]0[6-9]\\d{6}");
    private static final Pattern PLACE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final KnownAreas areas;
    private final TestFileScope s;
    private final Map<String, String[]> named = new HashMap<>();

    /** Reads the file's {@code places:} mapping (if any) from its root. */
    TestPlaces(KnownAreas areas, TestFileScope s, JsonNode root) {
        this.areas = areas;
        this.s = s;
        JsonNode node = root.get("places");
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            s.atValue("/places", "'places' must map names to LSOA or local authority codes");
            return;
        }
        node.properties().forEach(entry -> {
            String pointer = YamlPositions.child("/places", entry.getKey());
            if (!PLACE_NAME.matcher(entry.getKey()).matches()) {
                s.atKey(pointer, "a place name is lower-case letters, digits and '_'");
                return;
            }
            String[] place = code(pointer, entry.getValue().asText());
            if (place != null) {
                named.put(entry.getKey(), place);
            }
        });
    }

    /** The place at {@code pointer}: a named place or a code; null (and a problem) when neither. */
    String[] place(String pointer, JsonNode node) {
        if (node == null) {
            s.atKey(pointer.substring(0, pointer.lastIndexOf('/')), "'place' is required: a name from 'places' or a code");
            return null;
        }
        String text = node.asText();
        String[] place = named.get(text);
        if (place != null) {
            return place;
        }
        if (PLACE_NAME.matcher(text).matches()) {
            s.atValue(pointer, "unknown place '" + text + "'; named places: " + new TreeSet<>(named.keySet()));
            return null;
        }
        return code(pointer, text);
    }

    private String[] code(String pointer, String code) {
        if (LSOA.matcher(code).matches()) {
            if (!areas.isLsoa(code)) {
                s.atValue(pointer, "unknown LSOA '" + code + "': not a 2011 LSOA of the covered areas");
                return null;
            }
            return new String[] {"lsoa", code};
        }
        if (LAD.matcher(code).matches()) {
            if (!areas.isLad(code)) {
                s.atValue(pointer, "unknown local authority '" + code + "': not one the deployment covers");
                return null;
            }
            return new String[] {"lad", code};
        }
        s.atValue(pointer, "'" + code + "' is neither an LSOA code (W01…) nor a local authority code (W06…)");
        return null;
    }
}
