package org.ember.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key and value of a YAML document starts, so a problem found in the parsed tree can be
 * reported at its line and column. Nodes are named by JSON pointers ({@code /groups/0/rules/1/for}).
 */
public final class YamlPositions {
    private final String file;
    private final List<String> lines;
    private final Map<String, int[]> keys = new HashMap<>();
    private final Map<String, int[]> values = new HashMap<>();

    private YamlPositions(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    public static YamlPositions of(String file, String yamlText) {
        YamlPositions positions = new YamlPositions(file, yamlText);
        try (JsonParser parser = new YAMLFactory().createParser(yamlText)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                int[] position = {at.getLineNr(), at.getColumnNr()};
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME) {
                    positions.keys.putIfAbsent(context.pathAsPointer().toString(), position);
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The container's own context is already entered: its parent names it.
                    JsonStreamContext parent = context.getParent();
                    positions.values.putIfAbsent(parent == null ? "" : parent.pathAsPointer().toString(), position);
                } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    positions.values.putIfAbsent(context.pathAsPointer().toString(), position);
                }
            }
        } catch (IOException e) {
            // The document was already parsed once; positions found so far are still useful.
        }
        return positions;
    }

    public String file() {
        return file;
    }

    /** A problem at a node's value (a bad duration, an unknown metric), else at its key. */
    public RuleFileProblem atValue(String pointer, String message) {
        return locate(pointer, message, values, keys);
    }

    /** A problem at a node's key (an unknown or missing key), else at its value. */
    public RuleFileProblem atKey(String pointer, String message) {
        return locate(pointer, message, keys, values);
    }

    /**
     * A problem at a piece of text inside a one-line scalar value (a template placeholder): the
     * column is that of the text itself when it can be found on the value's line.
     */
    public RuleFileProblem atText(String pointer, String text, String message) {
        int[] position = values.get(pointer);
        if (position != null && position[0] >= 1 && position[0] <= lines.size()) {
            String line = lines.get(position[0] - 1);
            int found = line.indexOf(text, Math.max(0, position[1] - 1));
            if (found >= 0) {
                return new RuleFileProblem(file, position[0], found + 1, message);
            }
        }
        return atValue(pointer, message);
    }

    private RuleFileProblem locate(String pointer, String message, Map<String, int[]> first, Map<String, int[]> second) {
        String p = pointer;
        while (true) {
            int[] position = first.get(p);
            if (position == null) {
                position = second.get(p);
            }
            if (position != null) {
                return new RuleFileProblem(file, position[0], position[1], message);
            }
            int cut = p.lastIndexOf('/');
            if (cut < 0 || p.isEmpty()) {
                return new RuleFileProblem(file, 1, 1, message);
            }
            p = p.substring(0, cut);
        }
    }

    /** The pointer of a child node: a key of a mapping or an index of a list. */
    public static String child(String pointer, Object keyOrIndex) {
        String step = keyOrIndex.toString().replace("~", "~0").replace("/", "~1");
        return pointer + "/" + step;
    }
}
