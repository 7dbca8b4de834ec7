package org.ember.rules.unittest;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ember.model.Feed;
import org.ember.model.IncidentCategory;
import org.ember.model.metrics.MetricVocabulary;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.YamlPositions;
import org.ember.rules.areas.KnownAreas;

/**
 * Reads rule unit-test files as strictly as rule files: unknown keys, bad times, durations, feeds,
 * categories, places or metrics are problems with file, line and column. The file's parts have
 * readers of their own: {@link TestPlaces}, {@link PartnerRecordReader}, {@link ExpectationReader};
 * this class reads the file's shape, its test cases, report series and metric series.
 */
public final class RuleTestLoader {
    private static final Set<String> TOP_KEYS = Set.of("rule_files", "places", "tests");
    private static final Set<String> CASE_KEYS = Set.of("name", "reports", "records", "metrics", "expect");
    private static final Set<String> REPORT_KEYS = Set.of("feed", "category", "weapon", "place", "start", "every", "times");
    private static final Set<String> SERIES_KEYS = Set.of("metric", "place", "start", "every", "values");

    private final ObjectMapper yaml = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final KnownAreas areas;
    private final PartnerRecordReader recordReader = new PartnerRecordReader();

    /**
     * @param areas the deployment's areas, to check places and to know which local authority an LSOA is in
     */
    public RuleTestLoader(KnownAreas areas) {
        this.areas = areas;
    }

    public RuleTestFile load(Path path) throws RuleFileException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(List.of(new RuleFileProblem(path.toString(), 0, 0, "cannot read: " + e)));
        }
        List<RuleFileProblem> problems = new ArrayList<>();
        RuleTestFile file = parse(path, text, problems);
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems);
        }
        return file;
    }

    private RuleTestFile parse(Path path, String text, List<RuleFileProblem> problems) {
        String name = path.toString();
        JsonNode root;
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            root = yaml.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new RuleFileProblem(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new RuleFileProblem(name, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        TestFileScope s = new TestFileScope(YamlPositions.of(name, text), problems);
        if (root == null || !root.isObject()) {
            s.atKey("", "expected a mapping with 'rule_files' and 'tests'");
            return null;
        }
        s.unknownKeys("", root, TOP_KEYS);
        List<Path> ruleFiles = new ArrayList<>();
        JsonNode files = root.get("rule_files");
        if (files == null || !files.isArray() || files.isEmpty()) {
            s.atKey(files == null ? "" : "/rule_files", "'rule_files' must list the rule files under test");
        } else {
            Path dir = path.toAbsolutePath().getParent();
            for (int i = 0; i < files.size(); i++) {
                String pointer = YamlPositions.child("/rule_files", i);
                Path file = dir.resolve(files.get(i).asText()).normalize();
                if (!files.get(i).isTextual() || !Files.exists(file)) {
                    s.atValue(pointer, "rule file '" + files.get(i).asText() + "' not found (relative to " + dir + ")");
                } else {
                    ruleFiles.add(file);
                }
            }
        }
        TestPlaces places = new TestPlaces(areas, s, root);
        List<RuleTestFile.Case> cases = new ArrayList<>();
        JsonNode tests = root.get("tests");
        if (tests == null || !tests.isArray() || tests.isEmpty()) {
            s.atKey(tests == null ? "" : "/tests", "'tests' must be a non-empty list of test cases");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < tests.size(); i++) {
                RuleTestFile.Case c = testCase(s, YamlPositions.child("/tests", i), tests.get(i), places);
                if (c != null && !names.add(c.name())) {
                    s.atValue(YamlPositions.child(YamlPositions.child("/tests", i), "name"), "duplicate test name '" + c.name() + "'");
                }
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        return new RuleTestFile(path, ruleFiles, cases);
    }

    private RuleTestFile.Case testCase(TestFileScope s, String at, JsonNode node, TestPlaces places) {
        if (!node.isObject()) {
            s.atValue(at, "a test case must be a mapping with name, reports or metrics, and expect");
            return null;
        }
        int before = s.problemCount();
        s.unknownKeys(at, node, CASE_KEYS);
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            s.atKey(at, "a test case needs a 'name'");
        }
        List<RuleTestFile.Reports> reports = new ArrayList<>();
        for (TestFileScope.Item item : s.list(at, node, "reports")) {
            RuleTestFile.Reports r = reports(s, item.pointer(), item.node(), places);
            if (r != null) {
                reports.add(r);
            }
        }
        List<RuleTestFile.PartnerRecord> records = new ArrayList<>();
        for (TestFileScope.Item item : s.list(at, node, "records")) {
            RuleTestFile.PartnerRecord r = recordReader.record(s, item.pointer(), item.node(), places);
            if (r != null) {
                records.add(r);
            }
        }
        List<RuleTestFile.MetricSeries> series = new ArrayList<>();
        for (TestFileScope.Item item : s.list(at, node, "metrics")) {
            RuleTestFile.MetricSeries m = series(s, item.pointer(), item.node(), places);
            if (m != null) {
                series.add(m);
            }
        }
        List<RuleTestFile.Expectation> expect = new ArrayList<>();
        JsonNode expectNode = node.get("expect");
        if (expectNode == null || !expectNode.isArray() || expectNode.isEmpty()) {
            s.atKey(expectNode == null ? at : YamlPositions.child(at, "expect"), "a test case needs 'expect', a list of checks");
        }
        for (TestFileScope.Item item : s.list(at, node, "expect")) {
            RuleTestFile.Expectation e = ExpectationReader.expectation(s, item.pointer(), item.node());
            if (e != null) {
                expect.add(e);
            }
        }
        if (s.problemCount() > before) {
            return null;
        }
        return new RuleTestFile.Case(nameNode.asText(), reports, records, series, expect, s.where(at),
                node.has("records") ? s.where(YamlPositions.child(at, "records")) : null);
    }

    private RuleTestFile.Reports reports(TestFileScope s, String at, JsonNode node, TestPlaces places) {
        if (!node.isObject()) {
            s.atValue(at, "a report is a mapping: {feed, category, weapon, place, start, every, times}");
            return null;
        }
        int before = s.problemCount();
        s.unknownKeys(at, node, REPORT_KEYS);
        String feed = node.path("feed").asText(null);
        List<String> feeds = Arrays.stream(Feed.values()).map(Feed::code).toList();
        if (feed == null || !feeds.contains(feed)) {
            s.atValue(YamlPositions.child(at, "feed"), "'feed' is '" + feed + "'; expected one of " + feeds);
        }
        String category = node.has("category") ? node.get("category").asText() : defaultCategory(feed);
        List<String> categories = IncidentCategory.ALL.stream().filter(c -> !IncidentCategory.ANY.equals(c)).toList();
        if (category == null) {
            s.atKey(at, "'category' is required for police reports: one of " + categories);
        } else if (!categories.contains(category)) {
            s.atValue(YamlPositions.child(at, "category"), "'category' is '" + category + "'; expected one of " + categories);
        }
        JsonNode weaponNode = node.get("weapon");
        if (weaponNode != null && !weaponNode.isBoolean()) {
            s.atValue(YamlPositions.child(at, "weapon"), "'weapon' must be true or false");
        }
        String[] place = places.place(YamlPositions.child(at, "place"), node.get("place"));
        Long start = s.time(at, node, "start");
        int times = s.count(at, node, "times");
        long every = s.every(at, node, times);
        if (s.problemCount() > before || place == null || start == null) {
            return null;
        }
        return new RuleTestFile.Reports(feed, category, weaponNode != null && weaponNode.asBoolean(), place[0], place[1], start,
                every, times);
    }

    private static String defaultCategory(String feed) {
        if (feed == null) {
            return null;
        }
        return switch (feed) {
            case "ambulance", "ae" -> IncidentCategory.VIOLENCE;
            case "navigator" -> IncidentCategory.NAVIGATOR;
            case "intel" -> IncidentCategory.INTEL;
            default -> null;
        };
    }

    private RuleTestFile.MetricSeries series(TestFileScope s, String at, JsonNode node, TestPlaces places) {
        if (!node.isObject()) {
            s.atValue(at, "a metric series is a mapping: {metric, place, start, every, values}");
            return null;
        }
        int before = s.problemCount();
        s.unknownKeys(at, node, SERIES_KEYS);
        String metric = null;
        JsonNode metricNode = node.get("metric");
        if (metricNode == null || !metricNode.isTextual()) {
            s.atKey(at, "'metric' is required, e.g. count{window=24h,feed=any,category=weapon}");
        } else {
            MetricVocabulary.Result parsed = MetricVocabulary.parse(metricNode.asText());
            if (parsed.name().isEmpty()) {
                s.atValue(YamlPositions.child(at, "metric"), parsed.problem());
            } else {
                metric = parsed.name().get().canonical();
            }
        }
        String[] place = places.place(YamlPositions.child(at, "place"), node.get("place"));
        Long start = s.time(at, node, "start");
        List<Double> values = new ArrayList<>();
        JsonNode valuesNode = node.get("values");
        String valuesAt = YamlPositions.child(at, "values");
        if (valuesNode == null) {
            s.atKey(at, "'values' is required: a list of numbers, or numbers separated by spaces");
        } else if (valuesNode.isArray()) {
            for (int i = 0; i < valuesNode.size(); i++) {
                if (!valuesNode.get(i).isNumber()) {
                    s.atValue(YamlPositions.child(valuesAt, i), "expected a number");
                } else {
                    values.add(valuesNode.get(i).asDouble());
                }
            }
        } else {
            for (String v : valuesNode.asText().trim().split("\\s+")) {
                try {
                    values.add(Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    s.atText(valuesAt, v, "'" + v + "' is not a number");
                }
            }
        }
        long every = s.every(at, node, Math.max(1, values.size()));
        if (s.problemCount() > before || metric == null || place == null || start == null) {
            return null;
        }
        return new RuleTestFile.MetricSeries(metric, place[0], place[1], start, every, values);
    }
}
