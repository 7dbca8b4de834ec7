package org.ember.rules.routing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML file read strictly: the tree, where each node starts, and the problems found so far.
 * Loaders walk the tree with the typed getters, which record a located problem instead of
 * throwing, so one pass reports every mistake in a file ({@code file:line:column: message}).
 * Nodes are named by JSON pointers, e.g. {@code /route/routes/0/matchers/1}.
 */
public final class YamlSource {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final JsonNode root;
    private final Map<String, int[]> positions = new HashMap<>();
    private final List<ConfigProblem> problems;

    private YamlSource(String file, JsonNode root, List<ConfigProblem> problems) {
        this.file = file;
        this.root = root;
        this.problems = problems;
    }

    /** Reads a file; an unreadable or syntactically broken file yields a source with a problem and no tree. */
    public static YamlSource read(Path path, List<ConfigProblem> problems) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            problems.add(new ConfigProblem(path.toString(), 0, 0, "cannot read: " + e.getMessage()));
            return new YamlSource(path.toString(), null, problems);
        }
        return parse(path.toString(), text, problems);
    }

    public static YamlSource parse(String file, String text, List<ConfigProblem> problems) {
        JsonNode root;
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            root = YAML.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new ConfigProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage()));
            return new YamlSource(file, null, problems);
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 0, 0, "cannot read: " + e.getMessage()));
            return new YamlSource(file, null, problems);
        }
        YamlSource source = new YamlSource(file, root, problems);
        source.locate(text);
        if (root == null || !root.isObject()) {
            source.problem("", "expected a mapping at the top of the file");
            return new YamlSource(file, null, problems);
        }
        return source;
    }

    private void locate(String text) {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonLocation at = parser.currentTokenLocation();
                var context = parser.getParsingContext();
                String pointer = context.pathAsPointer().toString();
                if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
                    // The container's own context is already entered: its parent's pointer names it.
                    pointer = context.getParent().pathAsPointer().toString();
                }
                positions.putIfAbsent(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
            }
        } catch (IOException e) {
            // Already parsed once: positions found so far are still useful.
        }
    }

    /** The document's root mapping, or null when the file could not be read. */
    public JsonNode root() {
        return root;
    }

    public String file() {
        return file;
    }

    public boolean readable() {
        return root != null;
    }

    /** Records a problem at the node (or its nearest located ancestor). */
    public void problem(String pointer, String message) {
        String at = pointer;
        while (true) {
            int[] position = positions.get(at);
            if (position != null) {
                problems.add(new ConfigProblem(file, position[0], position[1], message));
                return;
            }
            int cut = at.lastIndexOf('/');
            if (cut < 0) {
                problems.add(new ConfigProblem(file, 1, 1, message));
                return;
            }
            at = at.substring(0, cut);
        }
    }

    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** Reports every key of a mapping that is not one of {@code known}. */
    public void onlyKeys(JsonNode mapping, String pointer, Set<String> known) {
        if (mapping == null || !mapping.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : mapping.properties()) {
            if (!known.contains(field.getKey())) {
                problem(child(pointer, field.getKey()),
                        "unknown key '" + field.getKey() + "'; known keys: " + new TreeSet<>(known));
            }
        }
    }

    /** A mapping, or null (with a problem when required or of the wrong kind). */
    public JsonNode mapping(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(pointer, "'" + key + "' is required");
            }
            return null;
        }
        if (!value.isObject()) {
            problem(child(pointer, key), "'" + key + "' must be a mapping");
            return null;
        }
        return value;
    }

    /** A list's items (empty when absent; a problem when required and absent or not a list). */
    public List<JsonNode> list(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(pointer, "'" + key + "' is required");
            }
            return List.of();
        }
        if (!value.isArray()) {
            problem(child(pointer, key), "'" + key + "' must be a list");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** A non-blank scalar as text, or null (with a problem when required). */
    public String text(JsonNode parent, String pointer, String key, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(pointer, "'" + key + "' is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(child(pointer, key), "'" + key + "' must be a non-empty text");
            return null;
        }
        return value.asText();
    }

    /** A list of non-blank texts (a single text is taken as a list of one). */
    public List<String> texts(JsonNode parent, String pointer, String key) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            problem(child(pointer, key), "'" + key + "' must be a list of texts");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                problem(child(child(pointer, key), i), "'" + key + "' items must be non-empty texts");
            } else {
                texts.add(item.asText());
            }
        }
        return texts;
    }

    /** A duration ({@link DurationText}), or the fallback when absent. */
    public Duration duration(JsonNode parent, String pointer, String key, Duration fallback) {
        String text = text(parent, pointer, key, false);
        if (text == null) {
            return fallback;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            problem(child(pointer, key), "'" + key + "': " + e.getMessage());
            return fallback;
        }
    }

    /** A boolean, or the fallback when absent. */
    public boolean bool(JsonNode parent, String pointer, String key, boolean fallback) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(child(pointer, key), "'" + key + "' must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /** A whole number ≥ min, or the fallback when absent. */
    public int integer(JsonNode parent, String pointer, String key, int min, int fallback) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > Integer.MAX_VALUE) {
            problem(child(pointer, key), "'" + key + "' must be a whole number ≥ " + min);
            return fallback;
        }
        return value.asInt();
    }
}
