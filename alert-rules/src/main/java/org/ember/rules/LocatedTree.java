package org.ember.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a YAML document starts, so a problem found in the tree can be reported at
 * its line and column. Paths are written like {@code rules[0].count.window}.
 */
final class LocatedTree {
    private final Map<String, int[]> positions = new HashMap<>();

    private LocatedTree() {}

    static LocatedTree of(String yamlText) {
        LocatedTree tree = new LocatedTree();
        try (JsonParser parser = new YAMLFactory().createParser(yamlText)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The container's own context is already entered: its pointer names the container.
                    pointer = parser.getParsingContext().getParent() == null
                            ? pointer
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                tree.positions.putIfAbsent(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
            }
        } catch (IOException e) {
            // The document was already parsed once; positions found so far are still useful.
        }
        return tree;
    }

    RuleFileProblem problem(String file, String path, String message) {
        String pointer = toPointer(path);
        while (true) {
            int[] position = positions.get(pointer);
            if (position != null) {
                return new RuleFileProblem(file, position[0], position[1], message);
            }
            int cut = pointer.lastIndexOf('/');
            if (cut <= 0) {
                return new RuleFileProblem(file, 1, 1, message);
            }
            pointer = pointer.substring(0, cut);
        }
    }

    static String toPointer(String path) {
        if (path.isEmpty()) {
            return "";
        }
        return "/" + path.replace("[", ".").replace("]", "").replace('.', '/');
    }
}
