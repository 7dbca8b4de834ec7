package org.ember.rules.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.RoutesLoader;
import org.ember.rules.routing.TimeInterval;
import org.ember.rules.routing.YamlSource;

/**
 * Loads {@code oncall.yaml} strictly (every problem with file, line and column): people, teams
 * (one of them the hub), schedules with rotation layers and overrides, escalation policies.
 *
 * <pre>
 * timezone: Europe/London
 * hub: hub
 * people:
 *   - {id: rhys.evans, name: Rhys Evans, email: rhys.evans@cardiff.example}
 * teams:
 *   - {id: cardiff, name: Cardiff spoke, email: cardiff@vru.example, schedule: cardiff-duty}
 * schedules:
 *   - id: cardiff-duty
 *     team: cardiff
 *     layers:
 *       - {name: round-the-clock, start: "2025-01-06T08:00", shift: 12h, members: [rhys.evans, …]}
 *     overrides:
 *       - {person: …, start: "2025-10-25T20:00", end: "2025-10-26T08:00"}
 * escalation_policies:
 *   - id: cardiff
 *     repeat: 1
 *     ack_timeout: 4h
 *     steps:
 *       - {targets: ["schedule:cardiff-duty"], delay: 15m}
 *       - {targets: ["team:cardiff", hub], delay: 30m}
 * </pre>
 */
public final class OnCallLoader {
    private static final Set<String> TOP_KEYS = Set.of("timezone", "hub", "people", "teams", "schedules",
            "escalation_policies");
    private static final Set<String> PERSON_KEYS = Set.of("id", "name", "email", "webhook");
    private static final Set<String> TEAM_KEYS = Set.of("id", "name", "email", "webhook", "schedule");
    private static final Set<String> SCHEDULE_KEYS = Set.of("id", "team", "layers", "overrides");
    private static final Set<String> LAYER_KEYS = Set.of("name", "start", "shift", "members", "active");
    private static final Set<String> OVERRIDE_KEYS = Set.of("person", "start", "end");
    private static final Set<String> POLICY_KEYS = Set.of("id", "steps", "repeat", "ack_timeout");
    private static final Set<String> STEP_KEYS = Set.of("targets", "delay");

    public OnCallDirectory load(Path file) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        OnCallDirectory directory = load(YamlSource.read(file, problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return directory;
    }

    /** Loads from a source already read; problems go to the source's list. */
    public OnCallDirectory load(YamlSource yaml) {
        if (!yaml.readable()) {
            return null;
        }
        JsonNode root = yaml.root();
        yaml.onlyKeys(root, "", TOP_KEYS);
        ZoneId zone = TimeInterval.LONDON;
        String zoneText = yaml.text(root, "", "timezone", false);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                yaml.problem("/timezone", "unknown time zone '" + zoneText + "'");
            }
        }
        List<Person> people = people(yaml, root);
        Set<String> personIds = ids(people.stream().map(Person::id).toList());
        List<JsonNode> scheduleNodes = yaml.list(root, "", "schedules", false);
        Set<String> scheduleIds = new HashSet<>();
        scheduleNodes.forEach(n -> {
            if (n.isObject() && n.hasNonNull("id")) {
                scheduleIds.add(n.get("id").asText());
            }
        });
        List<Team> teams = teams(yaml, root, scheduleIds);
        Set<String> teamIds = ids(teams.stream().map(Team::id).toList());
        String hub = yaml.text(root, "", "hub", false);
        if (hub != null && !teamIds.contains(hub)) {
            yaml.problem("/hub", "the hub must be one of the teams; defined: " + new java.util.TreeSet<>(teamIds));
        }
        List<Schedule> schedules = schedules(yaml, scheduleNodes, personIds, teamIds, zone);
        List<EscalationPolicy> policies = policies(yaml, root, personIds, scheduleIds, teamIds, hub);
        return new OnCallDirectory(people, teams, schedules, policies, hub);
    }

    private static Set<String> ids(List<String> ids) {
        return new HashSet<>(ids);
    }

    private static List<Person> people(YamlSource yaml, JsonNode root) {
        List<Person> people = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<JsonNode> nodes = yaml.list(root, "", "people", true);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/people", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "a person must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, PERSON_KEYS);
            String id = yaml.text(node, at, "id", true);
            String email = email(yaml, node, at);
            String webhook = url(yaml, node, at);
            if (email == null && webhook == null) {
                yaml.problem(at, "a person needs an 'email' or a 'webhook' to be told anything");
            }
            if (id != null && !seen.add(id)) {
                yaml.problem(YamlSource.child(at, "id"), "duplicate person '" + id + "'");
            }
            if (id != null) {
                String name = yaml.text(node, at, "name", false);
                people.add(new Person(id, name == null ? id : name, email, webhook));
            }
        }
        return people;
    }

    private static List<Team> teams(YamlSource yaml, JsonNode root, Set<String> scheduleIds) {
        List<Team> teams = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<JsonNode> nodes = yaml.list(root, "", "teams", false);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/teams", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "a team must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, TEAM_KEYS);
            String id = yaml.text(node, at, "id", true);
            String schedule = yaml.text(node, at, "schedule", false);
            if (schedule != null && !scheduleIds.contains(schedule)) {
                yaml.problem(YamlSource.child(at, "schedule"), "unknown schedule '" + schedule + "'");
            }
            if (id != null && !seen.add(id)) {
                yaml.problem(YamlSource.child(at, "id"), "duplicate team '" + id + "'");
            }
            if (id != null) {
                String name = yaml.text(node, at, "name", false);
                teams.add(new Team(id, name == null ? id : name, email(yaml, node, at), url(yaml, node, at), schedule));
            }
        }
        return teams;
    }

    private static List<Schedule> schedules(YamlSource yaml, List<JsonNode> nodes, Set<String> people, Set<String> teams,
            ZoneId zone) {
        List<Schedule> schedules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/schedules", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "a schedule must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, SCHEDULE_KEYS);
            String id = yaml.text(node, at, "id", true);
            if (id != null && !seen.add(id)) {
                yaml.problem(YamlSource.child(at, "id"), "duplicate schedule '" + id + "'");
            }
            String team = yaml.text(node, at, "team", false);
            if (team != null && !teams.contains(team)) {
                yaml.problem(YamlSource.child(at, "team"), "unknown team '" + team + "'");
            }
            List<Rotation> layers = new ArrayList<>();
            List<JsonNode> layerNodes = yaml.list(node, at, "layers", true);
            for (int l = 0; l < layerNodes.size(); l++) {
                Rotation layer = layer(yaml, layerNodes.get(l), YamlSource.child(YamlSource.child(at, "layers"), l), people,
                        zone);
                if (layer != null) {
                    layers.add(layer);
                }
            }
            List<ScheduleOverride> overrides = new ArrayList<>();
            List<JsonNode> overrideNodes = yaml.list(node, at, "overrides", false);
            for (int o = 0; o < overrideNodes.size(); o++) {
                String oat = YamlSource.child(YamlSource.child(at, "overrides"), o);
                JsonNode on = overrideNodes.get(o);
                if (!on.isObject()) {
                    yaml.problem(oat, "an override is {person, start, end}");
                    continue;
                }
                yaml.onlyKeys(on, oat, OVERRIDE_KEYS);
                String person = knownPerson(yaml, on, oat, "person", people);
                Instant start = instant(yaml, on, oat, "start", zone);
                Instant end = instant(yaml, on, oat, "end", zone);
                if (start != null && end != null && !end.isAfter(start)) {
                    yaml.problem(YamlSource.child(oat, "end"), "an override must end after it starts");
                } else if (person != null && start != null && end != null) {
                    overrides.add(new ScheduleOverride(person, start, end));
                }
            }
            if (id != null) {
                schedules.add(new Schedule(id, team, layers, overrides));
            }
        }
        return schedules;
    }

    private static Rotation layer(YamlSource yaml, JsonNode node, String at, Set<String> people, ZoneId zone) {
        if (!node.isObject()) {
            yaml.problem(at, "a layer must be a mapping");
            return null;
        }
        yaml.onlyKeys(node, at, LAYER_KEYS);
        String name = yaml.text(node, at, "name", false);
        LocalDateTime start = null;
        String startText = yaml.text(node, at, "start", true);
        if (startText != null) {
            try {
                start = startText.contains("T") ? LocalDateTime.parse(startText)
                        : LocalDate.parse(startText).atTime(LocalTime.MIDNIGHT);
            } catch (DateTimeParseException e) {
                yaml.problem(YamlSource.child(at, "start"), "'" + startText
                        + "' is not a local date-time like 2025-01-06T08:00 (the first hand-over, local time)");
            }
        }
        Duration shift = yaml.duration(node, at, "shift", null);
        if (shift == null) {
            yaml.problem(at, "'shift' is required (e.g. 12h, 1d, 7d)");
        }
        List<String> members = new ArrayList<>();
        List<String> memberTexts = yaml.texts(node, at, "members");
        for (int m = 0; m < memberTexts.size(); m++) {
            if (!people.contains(memberTexts.get(m))) {
                yaml.problem(YamlSource.child(YamlSource.child(at, "members"), m),
                        "unknown person '" + memberTexts.get(m) + "'");
            } else {
                members.add(memberTexts.get(m));
            }
        }
        if (memberTexts.isEmpty()) {
            yaml.problem(at, "'members' is required: the people who take turns");
        }
        List<TimeInterval> active = new ArrayList<>();
        List<JsonNode> windows = yaml.list(node, at, "active", false);
        for (int w = 0; w < windows.size(); w++) {
            TimeInterval window = RoutesLoader.window(yaml, windows.get(w), YamlSource.child(YamlSource.child(at, "active"), w));
            if (window != null) {
                active.add(window);
            }
        }
        if (start == null || shift == null || members.isEmpty() || members.size() != memberTexts.size()) {
            return null;
        }
        try {
            return new Rotation(name == null ? "layer" : name, start, shift, members, active, zone);
        } catch (IllegalArgumentException e) {
            yaml.problem(YamlSource.child(at, "shift"), e.getMessage());
            return null;
        }
    }

    private static List<EscalationPolicy> policies(YamlSource yaml, JsonNode root, Set<String> people,
            Set<String> schedules, Set<String> teams, String hub) {
        List<EscalationPolicy> policies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<JsonNode> nodes = yaml.list(root, "", "escalation_policies", true);
        for (int i = 0; i < nodes.size(); i++) {
            String at = YamlSource.child("/escalation_policies", i);
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                yaml.problem(at, "an escalation policy must be a mapping");
                continue;
            }
            yaml.onlyKeys(node, at, POLICY_KEYS);
            String id = yaml.text(node, at, "id", true);
            if (id != null && !seen.add(id)) {
                yaml.problem(YamlSource.child(at, "id"), "duplicate escalation policy '" + id + "'");
            }
            int repeat = yaml.integer(node, at, "repeat", 0, 0);
            Duration ackTimeout = yaml.duration(node, at, "ack_timeout", null);
            List<EscalationStep> steps = new ArrayList<>();
            List<JsonNode> stepNodes = yaml.list(node, at, "steps", true);
            boolean complete = true;
            for (int s = 0; s < stepNodes.size(); s++) {
                String sat = YamlSource.child(YamlSource.child(at, "steps"), s);
                JsonNode sn = stepNodes.get(s);
                if (!sn.isObject()) {
                    yaml.problem(sat, "a step is {targets: [...], delay: 15m}");
                    complete = false;
                    continue;
                }
                yaml.onlyKeys(sn, sat, STEP_KEYS);
                List<Target> targets = new ArrayList<>();
                List<String> texts = yaml.texts(sn, sat, "targets");
                if (texts.isEmpty()) {
                    yaml.problem(sat, "'targets' is required: person:ID, schedule:ID, team:ID or hub");
                }
                for (int t = 0; t < texts.size(); t++) {
                    String tat = YamlSource.child(YamlSource.child(sat, "targets"), t);
                    try {
                        Target target = Target.parse(texts.get(t));
                        String problem = unknownTarget(target, people, schedules, teams, hub);
                        if (problem != null) {
                            yaml.problem(tat, problem);
                        } else {
                            targets.add(target);
                        }
                    } catch (IllegalArgumentException e) {
                        yaml.problem(tat, e.getMessage());
                    }
                }
                boolean last = s == stepNodes.size() - 1;
                Duration delay = yaml.duration(sn, sat, "delay", null);
                if ((!last || repeat > 0) && (delay == null || delay.isZero() || delay.isNegative())) {
                    yaml.problem(sat, "'delay' is required and must be longer than zero: how long this step has to "
                            + "acknowledge before the " + (last ? "policy repeats" : "next step"));
                    complete = false;
                }
                steps.add(new EscalationStep(targets, delay == null ? Duration.ZERO : delay));
            }
            if (id != null && complete && !steps.isEmpty()) {
                policies.add(new EscalationPolicy(id, steps, repeat, ackTimeout));
            }
        }
        return policies;
    }

    private static String unknownTarget(Target target, Set<String> people, Set<String> schedules, Set<String> teams,
            String hub) {
        return switch (target.kind()) {
            case PERSON -> people.contains(target.id()) ? null : "unknown person '" + target.id() + "'";
            case SCHEDULE -> schedules.contains(target.id()) ? null : "unknown schedule '" + target.id() + "'";
            case TEAM -> teams.contains(target.id()) ? null : "unknown team '" + target.id() + "'";
            case HUB -> hub != null ? null : "target 'hub' needs 'hub: TEAM' at the top of the file";
        };
    }

    private static String knownPerson(YamlSource yaml, JsonNode node, String at, String key, Set<String> people) {
        String id = yaml.text(node, at, key, true);
        if (id != null && !people.contains(id)) {
            yaml.problem(YamlSource.child(at, key), "unknown person '" + id + "'");
            return null;
        }
        return id;
    }

    /** A local date-time (read in the file's zone) or one with an offset. */
    static Instant instant(YamlSource yaml, JsonNode node, String at, String key, ZoneId zone) {
        String text = yaml.text(node, at, key, true);
        if (text == null) {
            return null;
        }
        try {
            return parseInstant(text, zone);
        } catch (DateTimeParseException e) {
            yaml.problem(YamlSource.child(at, key), "'" + text + "' is not a date-time like 2025-10-25T20:00 (local) "
                    + "or 2025-10-25T20:00+01:00");
            return null;
        }
    }

    /** {@code 2025-10-25T20:00} (local, in {@code zone}) or {@code 2025-10-25T20:00+01:00}/{@code …Z}. */
    public static Instant parseInstant(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }

    private static String email(YamlSource yaml, JsonNode node, String at) {
        String email = yaml.text(node, at, "email", false);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            yaml.problem(YamlSource.child(at, "email"), "'" + email + "' is not an e-mail address");
            return null;
        }
        return email;
    }

    private static String url(YamlSource yaml, JsonNode node, String at) {
        String url = yaml.text(node, at, "webhook", false);
        if (url != null && !url.matches("https?://\\S+")) {
            yaml.problem(YamlSource.child(at, "webhook"), "'" + url + "' is not an http(s) URL");
            return null;
        }
        return url;
    }
}
