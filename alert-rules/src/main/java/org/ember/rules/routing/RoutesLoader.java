package org.ember.rules.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Loads {@code routes.yaml} strictly, like the rule loader: an unknown key, a bad duration,
 * matcher or time, an unknown receiver, time interval or escalation policy is a problem with its
 * file, line and column, and any problem rejects the whole file.
 *
 * <pre>
 * route:
 *   receiver: hub
 *   group_by: [lad, alertname]
 *   group_wait: 30s
 *   group_interval: 5m
 *   repeat_interval: 4h
 *   routes:
 *     - matchers: ['lad="W06000015"']
 *       receiver: cardiff
 * receivers:
 *   - {name: hub, escalation: hub}
 *   - {name: cardiff, escalation: cardiff, send_resolved: true}
 * inhibit_rules:
 *   - {source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: [area]}
 * time_intervals:
 *   - name: night
 *     time_intervals: [{times: [{start_time: "20:00", end_time: "24:00"}]}]
 * </pre>
 */
public final class RoutesLoader {
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private static final Set<String> TOP_KEYS = Set.of("route", "receivers", "inhibit_rules", "time_intervals");
    private static final Set<String> ROUTE_KEYS = Set.of("receiver", "matchers", "continue", "group_by", "group_wait",
            "group_interval", "repeat_interval", "active_time_intervals", "mute_time_intervals", "routes");
    private static final Set<String> RECEIVER_KEYS = Set.of("name", "escalation", "send_resolved");
    private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal");
    private static final Set<String> INTERVAL_KEYS = Set.of("name", "time_intervals");
    private static final Set<String> WINDOW_KEYS = Set.of("times", "weekdays", "days_of_month", "months", "location");
    private static final Set<String> TIME_KEYS = Set.of("start_time", "end_time");

    /**
     * Loads a routes file.
     *
     * @param knownPolicy says whether an escalation policy id exists (from the on-call file); a
     *                    receiver naming any other is a problem
     */
    public RoutingTree load(Path file, Predicate<String> knownPolicy) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        RoutingTree tree = load(YamlSource.read(file, problems), knownPolicy);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return tree;
    }

    /** Loads from text already read (tests, pushed snapshots); problems are added to the source's list. */
    public RoutingTree load(YamlSource yaml, Predicate<String> knownPolicy) {
        if (!yaml.readable()) {
            return null;
        }
        JsonNode root = yaml.root();
        yaml.onlyKeys(root, "", TOP_KEYS);
        Map<String, List<TimeInterval>> intervals = timeIntervals(yaml, root);
        List<Receiver> receivers = receivers(yaml, root, knownPolicy);
        Set<String> receiverNames = new HashSet<>();
        receivers.forEach(r -> receiverNames.add(r.name()));
        List<InhibitRule> inhibitions = inhibitRules(yaml, root);
        JsonNode routeNode = yaml.mapping(root, "", "route", true);
        if (routeNode == null) {
            return null;
        }
        if (routeNode.has("matchers") || routeNode.has("continue")) {
            yaml.problem("/route", "the root route matches every alert: it takes no 'matchers' and no 'continue'");
        }
        Route defaults = new Route("root", null, List.of(), false, List.of(), DEFAULT_GROUP_WAIT,
                DEFAULT_GROUP_INTERVAL, DEFAULT_REPEAT_INTERVAL, List.of(), List.of(), List.of());
        Route rootRoute = route(yaml, routeNode, "/route", "root", defaults, receiverNames, intervals.keySet());
        if (rootRoute.receiver() == null) {
            yaml.problem("/route", "the root route needs a 'receiver' (where alerts no other route takes go)");
        }
        return new RoutingTree(rootRoute, receivers, inhibitions, intervals);
    }

    private Route route(YamlSource yaml, JsonNode node, String at, String id, Route parent, Set<String> receivers,
            Set<String> intervals) {
        yaml.onlyKeys(node, at, ROUTE_KEYS);
        String receiver = yaml.text(node, at, "receiver", false);
        if (receiver != null && !receivers.contains(receiver)) {
            yaml.problem(YamlSource.child(at, "receiver"), "unknown receiver '" + receiver + "'; defined: " + new TreeSet<>(receivers));
        }
        List<Matcher> matchers = matchers(yaml, node, at, "matchers");
        List<String> groupBy = node.has("group_by") ? yaml.texts(node, at, "group_by") : parent.groupBy();
        if (groupBy.contains(Route.GROUP_BY_ALL) && groupBy.size() > 1) {
            yaml.problem(YamlSource.child(at, "group_by"), "'...' (group by every label) must stand alone");
        }
        List<String> active = node.has("active_time_intervals")
                ? yaml.texts(node, at, "active_time_intervals") : parent.activeTimeIntervals();
        List<String> mute = node.has("mute_time_intervals")
                ? yaml.texts(node, at, "mute_time_intervals") : parent.muteTimeIntervals();
        for (String name : concat(node.has("active_time_intervals") ? active : List.of(),
                node.has("mute_time_intervals") ? mute : List.of())) {
            if (!intervals.contains(name)) {
                yaml.problem(at, "unknown time interval '" + name + "'; defined: " + new TreeSet<>(intervals));
            }
        }
        Duration groupWait = yaml.duration(node, at, "group_wait", parent.groupWait());
        Duration groupInterval = positive(yaml, node, at, "group_interval", parent.groupInterval());
        Duration repeatInterval = positive(yaml, node, at, "repeat_interval", parent.repeatInterval());
        Route self = new Route(id, receiver != null ? receiver : parent.receiver(), matchers,
                yaml.bool(node, at, "continue", false), groupBy, groupWait, groupInterval, repeatInterval, active, mute,
                List.of());
        List<Route> children = new ArrayList<>();
        List<JsonNode> childNodes = yaml.list(node, at, "routes", false);
        for (int i = 0; i < childNodes.size(); i++) {
            String childAt = YamlSource.child(YamlSource.child(at, "routes"), i);
            if (!childNodes.get(i).isObject()) {
                yaml.problem(childAt, "a route must be a mapping");
                continue;
            }
            children.add(route(yaml, childNodes.get(i), childAt, id + "." + i, self, receivers, intervals));
        }
        return new Route(self.id(), self.receiver(), self.matchers(), self.continueMatching(), self.groupBy(),
                self.groupWait(), self.groupInterval(), self.repeatInterval(), self.activeTimeIntervals(),
                self.muteTimeIntervals(), children);
    }

    private static Duration positive(YamlSource yaml, JsonNode node, String at, String key, Duration fallback) {
        Duration value = yaml.duration(node, at, key, fallback);
        if (value.isZero() || value.isNegative()) {
            yaml.problem(YamlSource.child(at, key), "'" + key + "' must be longer than zero");
            return fallback;
        }
        return value;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A list of matcher texts, each checked. */
    static List<Matcher> matchers(YamlSource yaml, JsonNode node, String at, String key) {
        List<Matcher> matchers = new ArrayList<>();
        List<String> texts = yaml.texts(node, at, key);
        for (int i = 0; i < texts.size(); i++) {
            try {
                matchers.add(Matcher.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                yaml.problem(YamlSource.child(YamlSource.child(at, key), i), e.getMessage());
            }
        }
        return matchers;
    }

    private static List<Receiver> receivers(YamlSource yaml, JsonNode root, Predicate<String> knownPolicy) {
        List<Receiver> receivers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> nodes = yaml.list(root, "", "receivers", true);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/receivers", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "a receiver must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, RECEIVER_KEYS);
            String name = yaml.text(node, at, "name", true);
            String escalation = yaml.text(node, at, "escalation", false);
            if (escalation != null && knownPolicy != null && !knownPolicy.test(escalation)) {
                yaml.problem(YamlSource.child(at, "escalation"), "unknown escalation policy '" + escalation
                        + "' (escalation policies are defined in oncall.yaml)");
            }
            if (name != null && !names.add(name)) {
                yaml.problem(YamlSource.child(at, "name"), "duplicate receiver '" + name + "'");
            }
            if (name != null) {
                receivers.add(new Receiver(name, escalation, yaml.bool(node, at, "send_resolved", false)));
            }
        }
        return receivers;
    }

    private static List<InhibitRule> inhibitRules(YamlSource yaml, JsonNode root) {
        List<InhibitRule> rules = new ArrayList<>();
        List<JsonNode> nodes = yaml.list(root, "", "inhibit_rules", false);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/inhibit_rules", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "an inhibition rule must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, INHIBIT_KEYS);
            List<Matcher> source = matchers(yaml, node, at, "source_matchers");
            List<Matcher> target = matchers(yaml, node, at, "target_matchers");
            if (!node.has("source_matchers") || !node.has("target_matchers")) {
                yaml.problem(at, "an inhibition rule needs 'source_matchers' and 'target_matchers'");
            }
            rules.add(new InhibitRule(source, target, yaml.texts(node, at, "equal")));
        }
        return rules;
    }

    /** Named time windows; also used by the on-call loader for schedule layers that apply part-time. */
    static Map<String, List<TimeInterval>> timeIntervals(YamlSource yaml, JsonNode root) {
        Map<String, List<TimeInterval>> named = new LinkedHashMap<>();
        List<JsonNode> nodes = yaml.list(root, "", "time_intervals", false);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/time_intervals", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "a time interval must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, INTERVAL_KEYS);
            String name = yaml.text(node, at, "name", true);
            List<TimeInterval> windows = new ArrayList<>();
            List<JsonNode> windowNodes = yaml.list(node, at, "time_intervals", true);
            for (int w = 0; w < windowNodes.size(); w++) {
                TimeInterval window = window(yaml, windowNodes.get(w),
                        YamlSource.child(YamlSource.child(at, "time_intervals"), w));
                if (window != null) {
                    windows.add(window);
                }
            }
            if (name != null && named.put(name, windows) != null) {
                yaml.problem(YamlSource.child(at, "name"), "duplicate time interval '" + name + "'");
            }
        }
        return named;
    }

    /** One window: times, weekdays, days of month, months and location. */
    public static TimeInterval window(YamlSource yaml, JsonNode node, String at) {
        if (!node.isObject()) {
            yaml.problem(at, "a time window must be a mapping (times, weekdays, days_of_month, months, location)");
            return null;
        }
        yaml.onlyKeys(node, at, WINDOW_KEYS);
        List<TimeInterval.MinuteRange> times = new ArrayList<>();
        List<JsonNode> timeNodes = yaml.list(node, at, "times", false);
        for (int i = 0; i < timeNodes.size(); i++) {
            String timeAt = YamlSource.child(YamlSource.child(at, "times"), i);
            JsonNode time = timeNodes.get(i);
            if (!time.isObject()) {
                yaml.problem(timeAt, "a time range is {start_time: \"HH:MM\", end_time: \"HH:MM\"}");
                continue;
            }
            yaml.onlyKeys(time, timeAt, TIME_KEYS);
            Integer start = minuteOfDay(yaml, time, timeAt, "start_time");
            Integer end = minuteOfDay(yaml, time, timeAt, "end_time");
            if (start != null && end != null) {
                if (end <= start) {
                    yaml.problem(timeAt, "end_time must be after start_time (split a range that crosses midnight in two)");
                } else {
                    times.add(new TimeInterval.MinuteRange(start, end));
                }
            }
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        for (String text : yaml.texts(node, at, "weekdays")) {
            int[] range = range(yaml, YamlSource.child(at, "weekdays"), text, RoutesLoader::weekday, 1, 7);
            if (range != null) {
                for (int d = range[0]; d <= range[1]; d++) {
                    weekdays.add(DayOfWeek.of(d));
                }
            }
        }
        Set<Integer> months = new java.util.TreeSet<>();
        for (String text : yaml.texts(node, at, "months")) {
            int[] range = range(yaml, YamlSource.child(at, "months"), text, RoutesLoader::month, 1, 12);
            if (range != null) {
                for (int m = range[0]; m <= range[1]; m++) {
                    months.add(m);
                }
            }
        }
        List<TimeInterval.MinuteRange> days = new ArrayList<>();
        for (String text : yaml.texts(node, at, "days_of_month")) {
            String[] parts = text.split(":");
            try {
                int from = Integer.parseInt(parts[0].trim());
                int to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
                if (parts.length > 2 || from == 0 || to == 0 || Math.abs(from) > 31 || Math.abs(to) > 31) {
                    throw new NumberFormatException();
                }
                days.add(new TimeInterval.MinuteRange(from, to));
            } catch (NumberFormatException e) {
                yaml.problem(YamlSource.child(at, "days_of_month"), "'" + text + "' is not a day of the month or a range "
                        + "like 1:7 (negative counts from the end: -1 is the last day)");
            }
        }
        ZoneId zone = TimeInterval.LONDON;
        String location = yaml.text(node, at, "location", false);
        if (location != null) {
            try {
                zone = ZoneId.of(location);
            } catch (DateTimeException e) {
                yaml.problem(YamlSource.child(at, "location"), "unknown time zone '" + location + "'");
            }
        }
        return new TimeInterval(times, weekdays, days, months, zone);
    }

    private static Integer minuteOfDay(YamlSource yaml, JsonNode node, String at, String key) {
        String text = yaml.text(node, at, key, true);
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})").matcher(text.trim());
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if ((hour < 24 && minute < 60) || (hour == 24 && minute == 0)) {
                return hour * 60 + minute;
            }
        }
        yaml.problem(YamlSource.child(at, key), "'" + text + "' is not a time of day HH:MM (00:00 to 24:00)");
        return null;
    }

    private interface Named {
        int number(String name);
    }

    private static int[] range(YamlSource yaml, String at, String text, Named named, int min, int max) {
        String[] parts = text.split(":");
        try {
            int from = named.number(parts[0].trim());
            int to = parts.length > 1 ? named.number(parts[1].trim()) : from;
            if (parts.length > 2 || from < min || to > max || to < from) {
                throw new IllegalArgumentException();
            }
            return new int[] {from, to};
        } catch (IllegalArgumentException e) {
            yaml.problem(at, "'" + text + "' is not a name or a range like monday:friday or october:march "
                    + "(a range must not wrap round; list two instead)");
            return null;
        }
    }

    private static int weekday(String name) {
        return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
    }

    private static int month(String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return Month.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
    }
}
