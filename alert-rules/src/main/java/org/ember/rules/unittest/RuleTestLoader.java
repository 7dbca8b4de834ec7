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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ember.model.Feed;
import org.ember.model.IncidentCategory;
import org.ember.model.metrics.MetricVocabulary;
import org.ember.rules.DurationText;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.TimeText;
import org.ember.rules.YamlPositions;
import org.ember.rules.areas.KnownAreas;

/**
 * Reads rule unit-test files as strictly as rule files: unknown keys, bad times, durations, feeds,
 * categories, places or metrics are problems with file, line and column.
 */
public final class RuleTestLoader {
    private static final Set<String> TOP_KEYS = Set.of("rule_files", "places", "tests");
    private static final Set<String> CASE_KEYS = Set.of("name", "reports", "records", "metrics", "expect");
    private static final Set<String> REPORT_KEYS = Set.of("feed", "category", "weapon", "place", "start", "every", "times");
    private static final Set<String> SERIES_KEYS = Set.of("metric", "place", "start", "every", "values");
    private static final Set<String> EXPECT_KEYS = Set.of("at", "rule", "firing", "pending");
    private static final Set<String> ALERT_KEYS = Set.of("labels", "annotations", "receivers");
    private static final Pattern LSOA = Pattern.compile("[EW]01\\d{6}");
    private static final Pattern LAD = Pattern.compile("[EW]0[6-9]\\d{6}");
    private static final Pattern PLACE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final ObjectMapper yaml = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final KnownAreas areas;
    private final org.ember.model.ingest.FeedParser feedParser = new org.ember.model.ingest.FeedParser(ReportInputs.TEST_KEY);

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
        Scope s = new Scope(YamlPositions.of(name, text), problems);
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
        Map<String, String[]> places = places(s, root);
        List<RuleTestFile.Case> cases = new ArrayList<>();
        JsonNode tests = root.get("tests");
        if (tests == null || !tests.isArray() || tests.isEmpty()) {
            s.atKey(tests == null ? "" : "/tests", "'tests' must be a non-empty list of test cases");
        } else {
            Set<String> names = new java.util.HashSet<>();
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

    /** Named places: name → {layer, code}. */
    private Map<String, String[]> places(Scope s, JsonNode root) {
        Map<String, String[]> places = new HashMap<>();
        JsonNode node = root.get("places");
        if (node == null) {
            return places;
        }
        if (!node.isObject()) {
            s.atValue("/places", "'places' must map names to LSOA or local authority codes");
            return places;
        }
        node.properties().forEach(entry -> {
            String pointer = YamlPositions.child("/places", entry.getKey());
            if (!PLACE_NAME.matcher(entry.getKey()).matches()) {
                s.atKey(pointer, "a place name is lower-case letters, digits and '_'");
                return;
            }
            String[] place = code(s, pointer, entry.getValue().asText());
            if (place != null) {
                places.put(entry.getKey(), place);
            }
        });
        return places;
    }

    private String[] code(Scope s, String pointer, String code) {
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

    private String[] place(Scope s, String pointer, JsonNode node, Map<String, String[]> places) {
        if (node == null) {
            s.atKey(pointer.substring(0, pointer.lastIndexOf('/')), "'place' is required: a name from 'places' or a code");
            return null;
        }
        String text = node.asText();
        String[] named = places.get(text);
        if (named != null) {
            return named;
        }
        if (PLACE_NAME.matcher(text).matches()) {
            s.atValue(pointer, "unknown place '" + text + "'; named places: " + new TreeSet<>(places.keySet()));
            return null;
        }
        return code(s, pointer, text);
    }

    private RuleTestFile.Case testCase(Scope s, String at, JsonNode node, Map<String, String[]> places) {
        if (!node.isObject()) {
            s.atValue(at, "a test case must be a mapping with name, reports or metrics, and expect");
            return null;
        }
        int before = s.problems.size();
        s.unknownKeys(at, node, CASE_KEYS);
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            s.atKey(at, "a test case needs a 'name'");
        }
        List<RuleTestFile.Reports> reports = new ArrayList<>();
        for (Item item : list(s, at, node, "reports")) {
            RuleTestFile.Reports r = reports(s, item.pointer(), item.node(), places);
            if (r != null) {
                reports.add(r);
            }
        }
        List<RuleTestFile.PartnerRecord> records = new ArrayList<>();
        for (Item item : list(s, at, node, "records")) {
            RuleTestFile.PartnerRecord r = record(s, item.pointer(), item.node(), places);
            if (r != null) {
                records.add(r);
            }
        }
        List<RuleTestFile.MetricSeries> series = new ArrayList<>();
        for (Item item : list(s, at, node, "metrics")) {
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
        for (Item item : list(s, at, node, "expect")) {
            RuleTestFile.Expectation e = expectation(s, item.pointer(), item.node());
            if (e != null) {
                expect.add(e);
            }
        }
        if (s.problems.size() > before) {
            return null;
        }
        return new RuleTestFile.Case(nameNode.asText(), reports, records, series, expect, s.where(at),
                node.has("records") ? s.where(YamlPositions.child(at, "records")) : null);
    }

    /** One item of a list and where it is. */
    private record Item(String pointer, JsonNode node) {}

    /** The items of an optional list. */
    private static List<Item> list(Scope s, String at, JsonNode node, String key) {
        JsonNode list = node.get(key);
        List<Item> items = new ArrayList<>();
        if (list == null) {
            return items;
        }
        String here = YamlPositions.child(at, key);
        if (!list.isArray()) {
            s.atValue(here, "'" + key + "' must be a list");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            items.add(new Item(YamlPositions.child(here, i), list.get(i)));
        }
        return items;
    }

    private RuleTestFile.Reports reports(Scope s, String at, JsonNode node, Map<String, String[]> places) {
        if (!node.isObject()) {
            s.atValue(at, "a report is a mapping: {feed, category, weapon, place, start, every, times}");
            return null;
        }
        int before = s.problems.size();
        s.unknownKeys(at, node, REPORT_KEYS);
        String feed = node.path("feed").asText(null);
        List<String> feeds = java.util.Arrays.stream(Feed.values()).map(Feed::code).toList();
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
        String[] place = place(s, YamlPositions.child(at, "place"), node.get("place"), places);
        Long start = time(s, at, node, "start");
        int times = count(s, at, node, "times");
        long every = every(s, at, node, times);
        if (s.problems.size() > before || place == null || start == null) {
            return null;
        }
        return new RuleTestFile.Reports(feed, category, weaponNode != null && weaponNode.asBoolean(), place[0], place[1], start,
                every, times);
    }

    /**
     * A partner record: feed, id, time, place and the feed's own fields, turned into the feed's JSON
     * and checked against its contract as the job's ingest checks it.
     */
    private RuleTestFile.PartnerRecord record(Scope s, String at, JsonNode node, Map<String, String[]> places) {
        if (!node.isObject()) {
            s.atValue(at, "a record is a mapping: {feed, id, time, place, ...the feed's fields}");
            return null;
        }
        int before = s.problems.size();
        String feed = node.path("feed").asText(null);
        List<String> feeds = java.util.Arrays.stream(Feed.values()).map(Feed::code).toList();
        if (feed == null || !feeds.contains(feed)) {
            s.atValue(node.has("feed") ? YamlPositions.child(at, "feed") : at, "'feed' is '" + feed + "'; expected one of "
                    + feeds);
            return null;
        }
        List<String> fields = RecordForm.fields(feed);
        node.properties().forEach(entry -> {
            if (!RecordForm.COMMON.contains(entry.getKey()) && !fields.contains(entry.getKey())) {
                s.atKey(YamlPositions.child(at, entry.getKey()), "unknown key '" + entry.getKey() + "' for a " + feed
                        + " record; known keys: " + RecordForm.COMMON + " and the feed's fields " + new TreeSet<>(fields));
            }
        });
        JsonNode id = node.get("id");
        if (id == null || !id.isValueNode()) {
            s.atKey(at, "'id' is required: the partner's reference (" + RecordForm.idField(feed) + ")");
        }
        Long time = time(s, at, node, "time");
        Long arrives = node.has("arrives") ? time(s, at, node, "arrives") : time;
        String placeAt = YamlPositions.child(at, "place");
        com.fasterxml.jackson.databind.node.ObjectNode location = location(s, placeAt, node.get("place"), places);
        if (node.get("place") == null) {
            s.atKey(at, "'place' is required: {lat: …, lon: …}, an LSOA code or a name from 'places'");
        }
        if (s.problems.size() > before || time == null || arrives == null || location == null) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = yaml.createObjectNode();
        json.put(RecordForm.idField(feed), id.asText());
        json.put(RecordForm.timeField(feed), java.time.Instant.ofEpochMilli(time).toString());
        node.properties().forEach(entry -> {
            if (!RecordForm.COMMON.contains(entry.getKey())) {
                json.set(entry.getKey(), entry.getValue());
            }
        });
        json.set("location", location);
        String text = json.toString();
        org.ember.model.ingest.ParseOutcome parsed = feedParser.parse(Feed.fromCode(feed),
                text.getBytes(StandardCharsets.UTF_8), arrives);
        if (parsed instanceof org.ember.model.ingest.ParseOutcome.Rejected rejected) {
            s.atKey(at, "bad " + feed + " record: " + rejected.reason());
            return null;
        }
        return new RuleTestFile.PartnerRecord(feed, arrives, text, s.where(at), s.where(placeAt));
    }

    /** A record's place as the feed's location: {lat, lon}, or an LSOA code (given or named). */
    private com.fasterxml.jackson.databind.node.ObjectNode location(Scope s, String at, JsonNode node,
            Map<String, String[]> places) {
        if (node == null) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode location = yaml.createObjectNode();
        if (node.isObject()) {
            s.unknownKeys(at, node, Set.of("lat", "lon"));
            JsonNode lat = node.get("lat");
            JsonNode lon = node.get("lon");
            if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
                s.atValue(at, "a point is {lat: …, lon: …}, both numbers (WGS84 degrees)");
                return null;
            }
            location.put("lon", lon.asDouble());
            location.put("lat", lat.asDouble());
            return location;
        }
        String[] place = place(s, at, node, places);
        if (place == null) {
            return null;
        }
        if (!"lsoa".equals(place[0])) {
            s.atValue(at, "a record is placed by a point {lat, lon} or an LSOA code, not a local authority");
            return null;
        }
        location.put("lsoa_code", place[1]);
        return location;
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

    private RuleTestFile.MetricSeries series(Scope s, String at, JsonNode node, Map<String, String[]> places) {
        if (!node.isObject()) {
            s.atValue(at, "a metric series is a mapping: {metric, place, start, every, values}");
            return null;
        }
        int before = s.problems.size();
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
        String[] place = place(s, YamlPositions.child(at, "place"), node.get("place"), places);
        Long start = time(s, at, node, "start");
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
                    s.problems.add(s.at.atText(valuesAt, v, "'" + v + "' is not a number"));
                }
            }
        }
        long every = every(s, at, node, Math.max(1, values.size()));
        if (s.problems.size() > before || metric == null || place == null || start == null) {
            return null;
        }
        return new RuleTestFile.MetricSeries(metric, place[0], place[1], start, every, values);
    }

    private RuleTestFile.Expectation expectation(Scope s, String at, JsonNode node) {
        if (!node.isObject()) {
            s.atValue(at, "a check is a mapping: {at, rule, firing, pending}");
            return null;
        }
        int before = s.problems.size();
        s.unknownKeys(at, node, EXPECT_KEYS);
        Long time = time(s, at, node, "at");
        String rule = node.has("rule") ? node.get("rule").asText() : null;
        if (!node.has("firing") && !node.has("pending")) {
            s.atKey(at, "a check needs 'firing' (and/or 'pending'): the alerts expected, [] for none");
        }
        List<RuleTestFile.ExpectedAlert> firing = alerts(s, at, node, "firing");
        List<RuleTestFile.ExpectedAlert> pending = alerts(s, at, node, "pending");
        if (s.problems.size() > before || time == null) {
            return null;
        }
        return new RuleTestFile.Expectation(time, rule, firing, pending, s.where(at));
    }

    private static List<RuleTestFile.ExpectedAlert> alerts(Scope s, String at, JsonNode node, String key) {
        JsonNode list = node.get(key);
        if (list == null) {
            return null;
        }
        String here = YamlPositions.child(at, key);
        if (!list.isArray()) {
            s.atValue(here, "'" + key + "' must be a list of expected alerts ([] for none)");
            return null;
        }
        List<RuleTestFile.ExpectedAlert> alerts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String itemAt = YamlPositions.child(here, i);
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                s.atValue(itemAt, "an expected alert is a mapping: {labels, annotations, receivers}");
                continue;
            }
            s.unknownKeys(itemAt, item, ALERT_KEYS);
            Map<String, String> labels = stringMap(s, itemAt, item, "labels");
            Map<String, String> annotations = stringMap(s, itemAt, item, "annotations");
            List<String> receivers = null;
            if (item.has("receivers")) {
                receivers = new ArrayList<>();
                JsonNode r = item.get("receivers");
                if (!r.isArray()) {
                    s.atValue(YamlPositions.child(itemAt, "receivers"), "'receivers' must be a list of receiver names");
                } else {
                    for (JsonNode name : r) {
                        receivers.add(name.asText());
                    }
                }
            }
            alerts.add(new RuleTestFile.ExpectedAlert(labels, annotations, receivers));
        }
        return alerts;
    }

    private static Map<String, String> stringMap(Scope s, String at, JsonNode node, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode map = node.get(key);
        if (map == null) {
            return out;
        }
        if (!map.isObject()) {
            s.atValue(YamlPositions.child(at, key), "'" + key + "' must be a mapping");
            return out;
        }
        map.properties().forEach(entry -> out.put(entry.getKey(), entry.getValue().asText()));
        return out;
    }

    private static Long time(Scope s, String at, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            s.atKey(at, "'" + key + "' is required: a time like 2025-03-14T22:05:00Z or 2025-03-14 22:05 (UK time)");
            return null;
        }
        Long time = TimeText.parse(value.asText());
        if (time == null) {
            s.atValue(YamlPositions.child(at, key), "'" + value.asText() + "' is not a time like 2025-03-14T22:05:00Z"
                    + " or 2025-03-14 22:05 (UK time)");
        }
        return time;
    }

    private static int count(Scope s, String at, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return 1;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 100_000) {
            s.atValue(YamlPositions.child(at, key), "'" + key + "' must be a whole number from 1 to 100000");
            return 1;
        }
        return value.asInt();
    }

    private static long every(Scope s, String at, JsonNode node, int times) {
        JsonNode value = node.get("every");
        if (value == null) {
            if (times > 1) {
                s.atKey(at, "'every' is required when there is more than one: a duration like 30m");
            }
            return 0;
        }
        Duration d = DurationText.parse(value.asText());
        if (d == null || d.isZero()) {
            s.atValue(YamlPositions.child(at, "every"), "'every' is '" + value.asText() + "', not a duration like 30m, 2h or 1d");
            return 0;
        }
        return d.toMillis();
    }

    /** One file's problems and positions. */
    private record Scope(YamlPositions at, List<RuleFileProblem> problems) {
        void atKey(String pointer, String message) {
            problems.add(at.atKey(pointer, message));
        }

        void atValue(String pointer, String message) {
            problems.add(at.atValue(pointer, message));
        }

        String where(String pointer) {
            RuleFileProblem p = at.atKey(pointer, "");
            return p.file() + ":" + p.line() + ":" + p.column();
        }

        void unknownKeys(String pointer, JsonNode node, Set<String> known) {
            node.properties().forEach(entry -> {
                if (!known.contains(entry.getKey())) {
                    atKey(YamlPositions.child(pointer, entry.getKey()),
                            "unknown key '" + entry.getKey() + "'; known keys: " + new TreeSet<>(known));
                }
            });
        }
    }
}
