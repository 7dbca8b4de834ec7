package org.ember.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ember.model.CountVocabulary;
import org.ember.model.IncidentCategory;

/**
 * Loads rule files strictly: every unknown key, bad value or duplicate name is a problem with its
 * file, line and column, and one problem anywhere rejects the whole set, so a half-valid set never
 * replaces the rules in force.
 *
 * <pre>
 * rules:
 *   - name: weapon-incidents-lsoa
 *     layer: lsoa
 *     count: {window: 24h, feed: any, category: weapon}
 *     threshold: 2
 *     severity: warning
 *     summary: "{{ .value }} weapon incidents in {{ .area_name }} in {{ .window }}"
 * </pre>
 */
public final class RuleFileLoader {
    private static final Set<String> TOP_KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "layer", "count", "threshold", "severity", "summary");
    private static final Set<String> COUNT_KEYS = Set.of("window", "feed", "category");
    private static final Set<String> LAYERS = Set.of("lsoa", "lad");
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> TEMPLATE_VARIABLES = Set.of("area_name", "area_id", "value", "threshold", "window");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Loads every {@code *.yaml}/{@code *.yml} file of a directory, or one file, as one rule set. */
    public RuleSet load(Path path) throws RuleFileException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new RuleFileException(List.of(new RuleFileProblem(path.toString(), 0, 0, "cannot list: " + e.getMessage())));
            }
        } else {
            files.add(path);
        }
        return load(files);
    }

    public RuleSet load(List<Path> files) throws RuleFileException {
        List<RuleFileProblem> problems = new ArrayList<>();
        List<ThresholdRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        MessageDigest digest = sha256();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                problems.add(new RuleFileProblem(file.toString(), 0, 0, "cannot read: " + e.getMessage()));
                continue;
            }
            digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            parse(file.toString(), text, rules, names, problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return new RuleSet(HexFormat.of().formatHex(digest.digest()).substring(0, 12), rules);
    }

    private void parse(String file, String text, List<ThresholdRule> rules, Set<String> names, List<RuleFileProblem> problems) {
        JsonNode root;
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            root = yaml.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new RuleFileProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            problems.add(new RuleFileProblem(file, 0, 0, "cannot read: " + e.getMessage()));
            return;
        }
        LocatedTree located = LocatedTree.of(text);
        if (root == null || !root.isObject()) {
            problems.add(new RuleFileProblem(file, 1, 1, "expected a mapping with a 'rules' list"));
            return;
        }
        unknownKeys(file, located, "", root, TOP_KEYS, problems);
        JsonNode list = root.path("rules");
        if (!list.isArray()) {
            problems.add(new RuleFileProblem(file, 1, 1, "'rules' must be a list of rules"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                problems.add(located.problem(file, at, "a rule must be a mapping"));
                continue;
            }
            unknownKeys(file, located, at, node, RULE_KEYS, problems);
            String name = required(file, located, at, node, "name", problems);
            String layer = oneOf(file, located, at, node, "layer", LAYERS, problems);
            JsonNode count = node.path("count");
            String window = null;
            String feed = null;
            String category = null;
            if (!count.isObject()) {
                problems.add(located.problem(file, at, "'count' is required: {window, feed, category}"));
            } else {
                unknownKeys(file, located, at + ".count", count, COUNT_KEYS, problems);
                window = oneOf(file, located, at + ".count", count, "window", Set.copyOf(CountVocabulary.WINDOWS), problems);
                feed = oneOf(file, located, at + ".count", count, "feed", Set.copyOf(CountVocabulary.FEEDS), problems);
                category = oneOf(file, located, at + ".count", count, "category", Set.copyOf(IncidentCategory.ALL), problems);
            }
            JsonNode threshold = node.path("threshold");
            if (!threshold.canConvertToLong() || threshold.asLong() < 1 || !threshold.isIntegralNumber()) {
                problems.add(located.problem(file, at + ".threshold", "'threshold' must be a whole number ≥ 1"));
            }
            String severity = oneOf(file, located, at, node, "severity", SEVERITIES, problems);
            String summary = node.path("summary").asText("{{ .rule }}");
            for (String variable : TemplateText.variables(summary)) {
                if (!TEMPLATE_VARIABLES.contains(variable)) {
                    problems.add(located.problem(file, at + ".summary",
                            "unknown template variable '" + variable + "'; known: " + TEMPLATE_VARIABLES));
                }
            }
            if (name != null && !names.add(name)) {
                problems.add(located.problem(file, at + ".name", "duplicate rule name '" + name + "'"));
            }
            if (name != null && layer != null && window != null && feed != null && category != null
                    && severity != null && threshold.isIntegralNumber()) {
                rules.add(new ThresholdRule(name, layer, window, feed, category, threshold.asLong(), severity, summary));
            }
        }
    }

    private static String required(String file, LocatedTree located, String at, JsonNode node, String key,
            List<RuleFileProblem> problems) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(located.problem(file, at + (value == null ? "" : "." + key), "'" + key + "' is required"));
            return null;
        }
        return value.asText();
    }

    private static String oneOf(String file, LocatedTree located, String at, JsonNode node, String key, Set<String> allowed,
            List<RuleFileProblem> problems) {
        String value = required(file, located, at, node, key, problems);
        if (value != null && !allowed.contains(value)) {
            problems.add(located.problem(file, at + "." + key,
                    "'" + key + "' is '" + value + "'; expected one of " + new java.util.TreeSet<>(allowed)));
            return null;
        }
        return value;
    }

    private static void unknownKeys(String file, LocatedTree located, String at, JsonNode node, Set<String> known,
            List<RuleFileProblem> problems) {
        for (Map.Entry<String, JsonNode> field : ((ObjectNode) node).properties()) {
            String key = field.getKey();
            if (!known.contains(key)) {
                String path = at.isEmpty() ? key : at + "." + key;
                problems.add(located.problem(file, path, "unknown key '" + key + "'; known keys: " + new java.util.TreeSet<>(known)));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
