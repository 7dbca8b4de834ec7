package org.ember.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ember.geo.grid.GridCell;
import org.ember.model.metrics.MetricDefinition;
import org.ember.model.metrics.MetricVocabulary;
import org.ember.rules.areas.KnownAreas;

/**
 * Loads rule files strictly: every unknown key, bad duration, unknown area, unknown metric or
 * unknown template variable is a problem with its file, line and column, and one problem anywhere
 * rejects the whole set, so a half-valid set never replaces the rules in force. The language is
 * described in {@code docs/rules.md}.
 *
 * <pre>
 * groups:
 *   - name: knife-crime
 *     rules:
 *       - name: weapon-reports-in-neighbourhood
 *         areas: {layer: lsoa}
 *         when: count{window=24h,feed=any,category=weapon} >= 2
 *         for: 0s
 *         severity: critical
 *         annotations:
 *           summary: "{{ .value }} weapon-related reports in {{ .area_name }} in {{ .window }}"
 * </pre>
 */
public final class RuleFileLoader {
    public static final List<String> LAYERS = List.of("lsoa", "lad", "cell");
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    /** Labels every alert gets from the evaluator; a rule cannot set them. */
    public static final Set<String> RESERVED_LABELS = Set.of("alertname", "severity", "layer", "area", "lad");

    private static final Set<String> TOP_KEYS = Set.of("groups");
    private static final Set<String> GROUP_KEYS = Set.of("name", "labels", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "areas", "when", "for", "keep_firing_for", "resolve",
            "severity", "labels", "annotations", "cap");
    private static final Set<String> AREA_KEYS = Set.of("layer", "ids", "within");
    private static final Set<String> CAP_KEYS = Set.of("category", "urgency", "certainty");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LSOA_CODE = Pattern.compile("[EW]01\\d{6}");
    private static final Pattern LAD_CODE = Pattern.compile("[EW]0[6-9]\\d{6}");
    private static final Pattern OPERATOR = Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(\\S+)\\s*");
    private static final Pattern BARE_METRIC = Pattern.compile("\\s*([a-z_][a-z0-9_]*)");

    private final ObjectMapper yaml = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final KnownAreas areas;

    /** A loader that checks the shape of area codes but not that they exist. */
    public RuleFileLoader() {
        this(null);
    }

    /** A loader that also checks every area code against the deployment's areas. */
    public RuleFileLoader(KnownAreas areas) {
        this.areas = areas;
    }

    /**
     * What checking a set of files found.
     *
     * @param ruleSet  the rules, or null when there are problems
     * @param problems every problem, in file order
     * @param sources  where each rule was written, for the linter
     */
    public record Checked(RuleSet ruleSet, List<RuleFileProblem> problems, List<RuleSource> sources) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** One loaded rule and where it was written. */
    public record RuleSource(Rule rule, YamlPositions positions, String pointer) {
        /** A problem at one of the rule's keys (e.g. "for"), or at the rule itself. */
        public RuleFileProblem problem(String key, String message) {
            return key == null ? positions.atKey(pointer, message) : positions.atKey(YamlPositions.child(pointer, key), message);
        }
    }

    /** Loads every {@code *.yaml}/{@code *.yml} file of a directory, or one file, as one rule set (version 0). */
    public RuleSet load(Path path) throws RuleFileException {
        return load(read(path), 0);
    }

    /** Loads the given files as one rule set (version 0). */
    public RuleSet load(List<Path> files) throws RuleFileException {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            sources.addAll(read(file));
        }
        return load(sources, 0);
    }

    public RuleSet load(List<SourceFile> sources, long version) throws RuleFileException {
        Checked checked = check(sources, version);
        if (!checked.valid()) {
            throw new RuleFileException(checked.problems());
        }
        return checked.ruleSet();
    }

    /** Checks files without throwing: the rule set when valid, every problem otherwise. */
    public Checked check(List<SourceFile> sources, long version) {
        Context context = new Context();
        for (SourceFile source : sources) {
            parseFile(source, context);
        }
        if (sources.isEmpty()) {
            context.problems.add(new RuleFileProblem("(none)", 0, 0, "no rule files given"));
        }
        if (!context.problems.isEmpty()) {
            return new Checked(null, List.copyOf(context.problems), List.copyOf(context.sources));
        }
        List<Rule> rules = context.sources.stream().map(RuleSource::rule).toList();
        return new Checked(new RuleSet(version, contentHash(sources), rules), List.of(), List.copyOf(context.sources));
    }

    /** Reads one file, or every {@code *.yaml}/{@code *.yml} file of a directory in name order. */
    public static List<SourceFile> read(Path path) throws RuleFileException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new RuleFileException(List.of(new RuleFileProblem(path.toString(), 0, 0, "cannot list: " + e.getMessage())));
            }
        } else {
            files.add(path);
        }
        List<SourceFile> sources = new ArrayList<>();
        List<RuleFileProblem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.add(new SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                problems.add(new RuleFileProblem(file.toString(), 0, 0, "cannot read: " + e));
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return sources;
    }

    /** Hash of the files' names (without directories) and texts: the same files give the same hash anywhere. */
    public static String contentHash(List<SourceFile> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sources.stream().sorted(Comparator.comparing(s -> baseName(s.name()))).forEach(s -> {
                sha.update(baseName(s.name()).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(s.text().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** What is collected across the files of one set. */
    private static final class Context {
        final List<RuleFileProblem> problems = new ArrayList<>();
        final List<RuleSource> sources = new ArrayList<>();
        final Set<String> ruleNames = new HashSet<>();
        final Set<String> groupNames = new HashSet<>();
    }

    /** The problems of one file, and where its nodes are. */
    private record FileScope(YamlPositions at, List<RuleFileProblem> problems) {
        void atValue(String pointer, String message) {
            problems.add(at.atValue(pointer, message));
        }

        void atKey(String pointer, String message) {
            problems.add(at.atKey(pointer, message));
        }
    }

    private void parseFile(SourceFile source, Context context) {
        JsonNode root;
        try (JsonParser parser = yaml.getFactory().createParser(source.text())) {
            root = yaml.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            context.problems.add(new RuleFileProblem(source.name(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid YAML: " + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            context.problems.add(new RuleFileProblem(source.name(), 0, 0, "cannot read: " + e.getMessage()));
            return;
        }
        FileScope file = new FileScope(YamlPositions.of(source.name(), source.text()), context.problems);
        if (root == null || root.isMissingNode() || root.isNull()) {
            file.atKey("", "empty rule file: expected 'groups:' with a list of groups");
            return;
        }
        if (!root.isObject()) {
            file.atValue("", "expected a mapping with a 'groups' list");
            return;
        }
        unknownKeys(file, "", root, TOP_KEYS);
        JsonNode groups = root.get("groups");
        if (groups == null || !groups.isArray()) {
            file.atKey(groups == null ? "" : "/groups", "'groups' must be a list of groups, each with a name and rules");
            return;
        }
        for (int g = 0; g < groups.size(); g++) {
            parseGroup(file, YamlPositions.child("/groups", g), groups.get(g), context);
        }
    }

    private void parseGroup(FileScope file, String at, JsonNode group, Context context) {
        if (!group.isObject()) {
            file.atValue(at, "a group must be a mapping with 'name' and 'rules'");
            return;
        }
        unknownKeys(file, at, group, GROUP_KEYS);
        String name = name(file, at, group);
        if (name != null && !context.groupNames.add(name)) {
            file.atValue(YamlPositions.child(at, "name"), "duplicate group name '" + name + "'");
        }
        Map<String, String> groupLabels = labels(file, at, group);
        JsonNode rules = group.get("rules");
        if (rules == null || !rules.isArray()) {
            file.atKey(rules == null ? at : YamlPositions.child(at, "rules"), "a group needs 'rules', a list of rules");
            return;
        }
        for (int r = 0; r < rules.size(); r++) {
            String ruleAt = YamlPositions.child(YamlPositions.child(at, "rules"), r);
            Rule rule = parseRule(file, ruleAt, rules.get(r), name == null ? "" : name, groupLabels, context);
            if (rule != null) {
                context.sources.add(new RuleSource(rule, file.at(), ruleAt));
            }
        }
    }

    private Rule parseRule(FileScope file, String at, JsonNode node, String group, Map<String, String> groupLabels,
            Context context) {
        if (!node.isObject()) {
            file.atValue(at, "a rule must be a mapping");
            return null;
        }
        int before = file.problems().size();
        unknownKeys(file, at, node, RULE_KEYS);
        String name = name(file, at, node);
        if (name != null && !context.ruleNames.add(name)) {
            file.atValue(YamlPositions.child(at, "name"), "duplicate rule name '" + name + "'");
        }
        AreaSelector areaSelector = areas(file, at, node);
        String layer = areaSelector == null ? null : areaSelector.layer();
        Condition when = null;
        JsonNode whenNode = node.get("when");
        if (whenNode == null) {
            file.atKey(at, "'when' is required: the condition that fires the rule");
        } else {
            when = condition(file, YamlPositions.child(at, "when"), whenNode, layer);
        }
        Condition resolve = null;
        JsonNode resolveNode = node.get("resolve");
        if (resolveNode != null) {
            resolve = condition(file, YamlPositions.child(at, "resolve"), resolveNode, layer);
        }
        Duration forDuration = duration(file, at, node, "for");
        Duration keep = duration(file, at, node, "keep_firing_for");
        String severity = oneOf(file, at, node, "severity", SEVERITIES, true);
        Map<String, String> labels = new LinkedHashMap<>(groupLabels);
        labels.putAll(labels(file, at, node));
        Map<String, String> annotations = annotations(file, at, node);
        CapInfo cap = cap(file, at, node);
        if (file.problems().size() > before || name == null || areaSelector == null || when == null || severity == null) {
            return null;
        }
        return Rule.of(name, group, areaSelector, when, resolve, forDuration.toMillis(), keep.toMillis(), severity, labels,
                annotations, cap);
    }

    private static String name(FileScope file, String at, JsonNode node) {
        JsonNode value = node.get("name");
        if (value == null) {
            file.atKey(at, "'name' is required");
            return null;
        }
        if (!value.isTextual() || !NAME.matcher(value.asText()).matches()) {
            file.atValue(YamlPositions.child(at, "name"),
                    "a name is letters, digits, '-', '_' or '.', starting with a letter or digit; got '" + value.asText() + "'");
            return null;
        }
        return value.asText();
    }

    private AreaSelector areas(FileScope file, String at, JsonNode rule) {
        JsonNode node = rule.get("areas");
        String here = YamlPositions.child(at, "areas");
        if (node == null) {
            file.atKey(at, "'areas' is required, e.g. {layer: lsoa} for every LSOA or {layer: lad, ids: [W06000015]}");
            return null;
        }
        if (!node.isObject()) {
            file.atValue(here, "'areas' must be a mapping with 'layer' and optionally 'ids' or 'within'");
            return null;
        }
        int before = file.problems().size();
        unknownKeys(file, here, node, AREA_KEYS);
        String layer = oneOf(file, here, node, "layer", LAYERS, true);
        List<String> ids = stringList(file, here, node, "ids");
        List<String> within = stringList(file, here, node, "within");
        if (node.has("ids") && node.has("within")) {
            file.atKey(YamlPositions.child(here, "within"), "give 'ids' or 'within', not both");
        }
        if (layer != null && !"lsoa".equals(layer) && node.has("within")) {
            file.atKey(YamlPositions.child(here, "within"), "'within' picks the LSOAs of local authorities: it needs layer lsoa");
        }
        if (layer != null) {
            for (int i = 0; i < ids.size(); i++) {
                String problem = areaProblem(layer, ids.get(i));
                if (problem != null) {
                    file.atValue(YamlPositions.child(YamlPositions.child(here, "ids"), i), problem);
                }
            }
        }
        for (int i = 0; i < within.size(); i++) {
            String problem = areaProblem("lad", within.get(i));
            if (problem != null) {
                file.atValue(YamlPositions.child(YamlPositions.child(here, "within"), i), problem);
            }
        }
        if (file.problems().size() > before || layer == null) {
            return null;
        }
        return new AreaSelector(layer, Set.copyOf(ids), Set.copyOf(within));
    }

    private String areaProblem(String layer, String code) {
        switch (layer) {
            case "lsoa":
                if (!LSOA_CODE.matcher(code).matches()) {
                    return "'" + code + "' is not an LSOA code like W01001876";
                }
                return areas == null || areas.isLsoa(code) ? null : "unknown LSOA '" + code + "': not a 2011 LSOA of the covered areas";
            case "lad":
                if (!LAD_CODE.matcher(code).matches()) {
                    return "'" + code + "' is not a local authority code like W06000015";
                }
                return areas == null || areas.isLad(code) ? null : "unknown local authority '" + code + "': not one the deployment covers";
            default:
                try {
                    GridCell.parse(code);
                    return null;
                } catch (IllegalArgumentException e) {
                    return "'" + code + "' is not a grid cell id like 250m:1436:691";
                }
        }
    }

    private Condition condition(FileScope file, String at, JsonNode node, String layer) {
        if (node.isTextual()) {
            return comparison(file, at, node.asText(), layer);
        }
        if (node.isObject() && node.size() == 1 && (node.has("all") || node.has("any"))) {
            String key = node.has("all") ? "all" : "any";
            JsonNode list = node.get(key);
            String here = YamlPositions.child(at, key);
            if (!list.isArray() || list.isEmpty()) {
                file.atValue(here, "'" + key + "' needs a non-empty list of conditions");
                return null;
            }
            List<Condition> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Condition part = condition(file, YamlPositions.child(here, i), list.get(i), layer);
                if (part != null) {
                    parts.add(part);
                }
            }
            if (parts.size() != list.size()) {
                return null;
            }
            return "all".equals(key) ? new AllOf(parts) : new AnyOf(parts);
        }
        if (node.isObject()) {
            for (String key : iterable(node)) {
                if (!"all".equals(key) && !"any".equals(key)) {
                    file.atKey(YamlPositions.child(at, key), "unknown key '" + key + "' in a condition; use 'all' or 'any'");
                    return null;
                }
            }
            file.atValue(at, "a condition takes 'all' or 'any', not both: nest one inside the other");
            return null;
        }
        file.atValue(at, "a condition is a comparison like 'count{window=24h,feed=any,category=weapon} >= 2'"
                + " or a mapping with 'all:' or 'any:'");
        return null;
    }

    private static Comparison comparison(FileScope file, String at, String text, String layer) {
        int brace = text.lastIndexOf('}');
        String metricText;
        String rest;
        if (brace >= 0) {
            metricText = text.substring(0, brace + 1).trim();
            rest = text.substring(brace + 1);
        } else {
            Matcher bare = BARE_METRIC.matcher(text);
            if (!bare.lookingAt()) {
                file.atValue(at, "'" + text + "' is not a comparison like 'count{window=24h,feed=any,category=weapon} >= 2'");
                return null;
            }
            metricText = bare.group(1);
            rest = text.substring(bare.end());
        }
        Matcher op = OPERATOR.matcher(rest);
        if (!op.matches()) {
            file.atValue(at, "'" + text + "' needs an operator (>, >=, <, <=, ==, !=) and a number after the metric");
            return null;
        }
        double threshold;
        try {
            threshold = Double.parseDouble(op.group(2));
        } catch (NumberFormatException e) {
            threshold = Double.NaN;
        }
        if (!Double.isFinite(threshold)) {
            file.problems().add(file.at().atText(at, op.group(2), "'" + op.group(2) + "' is not a number"));
            return null;
        }
        String metric = metric(file, at, metricText, layer);
        if (metric == null) {
            return null;
        }
        return new Comparison(metric, Operator.ofSymbol(op.group(1)), threshold);
    }

    /** The canonical name of a metric reference, checked against the vocabulary and the rule's layer. */
    private static String metric(FileScope file, String at, String metricText, String layer) {
        MetricVocabulary.Result parsed = MetricVocabulary.parse(metricText);
        if (parsed.name().isEmpty()) {
            file.problems().add(file.at().atText(at, metricText, parsed.problem()));
            return null;
        }
        MetricVocabulary.MetricName name = parsed.name().get();
        if (layer != null) {
            for (MetricDefinition family : MetricVocabulary.families()) {
                if (family.name().equals(name.family()) && !family.layers().contains(layer)) {
                    file.problems().add(file.at().atText(at, metricText, "metric " + family.name()
                            + " is not kept for layer " + layer + " (only for " + family.layers() + ")"));
                    return null;
                }
            }
        }
        return name.canonical();
    }

    private static Duration duration(FileScope file, String at, JsonNode rule, String key) {
        JsonNode node = rule.get(key);
        if (node == null) {
            return Duration.ZERO;
        }
        Duration parsed = node.isTextual() || node.isIntegralNumber() ? DurationText.parse(node.asText()) : null;
        if (parsed == null) {
            file.atValue(YamlPositions.child(at, key),
                    "'" + key + "' is '" + node.asText() + "', not a duration like 30m, 2h, 1h30m or 7d");
            return Duration.ZERO;
        }
        return parsed;
    }

    private static String oneOf(FileScope file, String at, JsonNode node, String key, List<String> allowed, boolean required) {
        JsonNode value = node.get(key);
        if (value == null) {
            if (required) {
                file.atKey(at, "'" + key + "' is required: one of " + allowed);
            }
            return null;
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            file.atValue(YamlPositions.child(at, key), "'" + key + "' is '" + value.asText() + "'; expected one of " + allowed);
            return null;
        }
        return value.asText();
    }

    private static List<String> stringList(FileScope file, String at, JsonNode node, String key) {
        JsonNode list = node.get(key);
        if (list == null) {
            return List.of();
        }
        String here = YamlPositions.child(at, key);
        if (!list.isArray() || list.isEmpty()) {
            file.atValue(here, "'" + key + "' must be a non-empty list");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual()) {
                file.atValue(YamlPositions.child(here, i), "expected a code as text, got '" + item.asText() + "'");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static Map<String, String> labels(FileScope file, String at, JsonNode node) {
        JsonNode labels = node.get("labels");
        Map<String, String> out = new LinkedHashMap<>();
        if (labels == null) {
            return out;
        }
        String here = YamlPositions.child(at, "labels");
        if (!labels.isObject()) {
            file.atValue(here, "'labels' must be a mapping of label name to value");
            return out;
        }
        for (String key : iterable(labels)) {
            JsonNode value = labels.get(key);
            String keyAt = YamlPositions.child(here, key);
            if (RESERVED_LABELS.contains(key)) {
                file.atKey(keyAt, "label '" + key + "' is set by Ember itself; reserved: " + new TreeSet<>(RESERVED_LABELS));
            } else if (!LABEL_NAME.matcher(key).matches()) {
                file.atKey(keyAt, "label name '" + key + "' must be letters, digits and '_', not starting with a digit");
            } else if (!value.isValueNode() || value.isNull()) {
                file.atValue(keyAt, "label '" + key + "' needs a plain value");
            } else {
                out.put(key, value.asText());
            }
        }
        return out;
    }

    private static Map<String, String> annotations(FileScope file, String at, JsonNode rule) {
        JsonNode annotations = rule.get("annotations");
        Map<String, String> out = new LinkedHashMap<>();
        if (annotations == null) {
            return out;
        }
        String here = YamlPositions.child(at, "annotations");
        if (!annotations.isObject()) {
            file.atValue(here, "'annotations' must be a mapping of name to text, e.g. summary: \"…\"");
            return out;
        }
        for (String key : iterable(annotations)) {
            JsonNode value = annotations.get(key);
            String keyAt = YamlPositions.child(here, key);
            if (!LABEL_NAME.matcher(key).matches()) {
                file.atKey(keyAt, "annotation name '" + key + "' must be letters, digits and '_'");
                continue;
            }
            if (!value.isTextual()) {
                file.atValue(keyAt, "annotation '" + key + "' must be text");
                continue;
            }
            String template = value.asText();
            boolean ok = true;
            for (TemplateText.Expression e : TemplateText.expressions(template)) {
                if (e.malformed()) {
                    file.problems().add(file.at().atText(keyAt, e.source(),
                            "'" + e.source() + "' is neither {{ .variable }} nor {{ value \"metric\" }}"));
                    ok = false;
                } else if (e.variable() != null && !TemplateText.VARIABLES.contains(e.variable())) {
                    file.problems().add(file.at().atText(keyAt, e.source(), "unknown template variable '" + e.variable()
                            + "'; known: " + new TreeSet<>(TemplateText.VARIABLES)));
                    ok = false;
                } else if (e.metric() != null) {
                    MetricVocabulary.Result parsed = MetricVocabulary.parse(e.metric());
                    if (parsed.name().isEmpty()) {
                        file.problems().add(file.at().atText(keyAt, e.source(), parsed.problem()));
                        ok = false;
                    } else {
                        // Stored with the canonical name, the one the evaluator keeps values under.
                        template = template.replace(e.source(), "{{ value \"" + parsed.name().get().canonical() + "\" }}");
                    }
                }
            }
            if (ok) {
                out.put(key, template);
            }
        }
        return out;
    }

    private static CapInfo cap(FileScope file, String at, JsonNode rule) {
        JsonNode cap = rule.get("cap");
        if (cap == null) {
            return null;
        }
        String here = YamlPositions.child(at, "cap");
        if (!cap.isObject()) {
            file.atValue(here, "'cap' must be a mapping with category, urgency and certainty");
            return null;
        }
        unknownKeys(file, here, cap, CAP_KEYS);
        String category = oneOf(file, here, cap, "category", CapInfo.CATEGORIES, true);
        String urgency = oneOf(file, here, cap, "urgency", CapInfo.URGENCIES, true);
        String certainty = oneOf(file, here, cap, "certainty", CapInfo.CERTAINTIES, true);
        if (category == null || urgency == null || certainty == null) {
            return null;
        }
        return new CapInfo(category, urgency, certainty);
    }

    private static void unknownKeys(FileScope file, String at, JsonNode node, Set<String> known) {
        for (String key : iterable(node)) {
            if (!known.contains(key)) {
                file.atKey(YamlPositions.child(at, key), "unknown key '" + key + "'; known keys: " + new TreeSet<>(known));
            }
        }
    }

    private static Iterable<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }
}
