package org.ember.rules.unittest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ember.rules.DurationText;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.TimeText;
import org.ember.rules.YamlPositions;

/**
 * One rule-test file's problems and positions, and the readers of the small values every part of the
 * file shares (lists, times, counts, durations, string maps): each bad value is a problem at its
 * file:line:column, and reading goes on so that one run reports every problem.
 */
record TestFileScope(YamlPositions at, List<RuleFileProblem> problems) {
    void atKey(String pointer, String message) {
        problems.add(at.atKey(pointer, message));
    }

    void atValue(String pointer, String message) {
        problems.add(at.atValue(pointer, message));
    }

    void atText(String pointer, String text, String message) {
        problems.add(at.atText(pointer, text, message));
    }

    int problemCount() {
        return problems.size();
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

    /** One item of a list and where it is. */
    record Item(String pointer, JsonNode node) {}

    /** The items of an optional list. */
    List<Item> list(String at, JsonNode node, String key) {
        JsonNode list = node.get(key);
        List<Item> items = new ArrayList<>();
        if (list == null) {
            return items;
        }
        String here = YamlPositions.child(at, key);
        if (!list.isArray()) {
            atValue(here, "'" + key + "' must be a list");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            items.add(new Item(YamlPositions.child(here, i), list.get(i)));
        }
        return items;
    }

    Map<String, String> stringMap(String at, JsonNode node, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode map = node.get(key);
        if (map == null) {
            return out;
        }
        if (!map.isObject()) {
            atValue(YamlPositions.child(at, key), "'" + key + "' must be a mapping");
            return out;
        }
        map.properties().forEach(entry -> out.put(entry.getKey(), entry.getValue().asText()));
        return out;
    }

    Long time(String at, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            atKey(at, "'" + key + "' is required: a time like 2025-03-14T22:05:00Z or 2025-03-14 22:05 (UK time)");
            return null;
        }
        Long time = TimeText.parse(value.asText());
        if (time == null) {
            atValue(YamlPositions.child(at, key), "'" + value.asText() + "' is not a time like 2025-03-14T22:05:00Z"
                    + " or 2025-03-14 22:05 (UK time)");
        }
        return time;
    }

    int count(String at, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return 1;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 100_000) {
            atValue(YamlPositions.child(at, key), "'" + key + "' must be a whole number from 1 to 100000");
            return 1;
        }
        return value.asInt();
    }

    long every(String at, JsonNode node, int times) {
        JsonNode value = node.get("every");
        if (value == null) {
            if (times > 1) {
                atKey(at, "'every' is required when there is more than one: a duration like 30m");
            }
            return 0;
        }
        Duration d = DurationText.parse(value.asText());
        if (d == null || d.isZero()) {
            atValue(YamlPositions.child(at, "every"), "'every' is '" + value.asText() + "', not a duration like 30m, 2h or 1d");
            return 0;
        }
        return d.toMillis();
    }
}
