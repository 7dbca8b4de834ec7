package org.ember.rules.unittest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.rules.YamlPositions;

/** Reads a rule test's checks: at a time, which alerts of a rule (or of all) are firing and pending. */
final class ExpectationReader {
    private static final Set<String> EXPECT_KEYS = Set.of("at", "rule", "firing", "pending");
    private static final Set<String> ALERT_KEYS = Set.of("labels", "annotations", "receivers");

    private ExpectationReader() {}

    static RuleTestFile.Expectation expectation(TestFileScope s, String at, JsonNode node) {
        if (!node.isObject()) {
            s.atValue(at, "a check is a mapping: {at, rule, firing, pending}");
            return null;
        }
        int before = s.problemCount();
        s.unknownKeys(at, node, EXPECT_KEYS);
        Long time = s.time(at, node, "at");
        String rule = node.has("rule") ? node.get("rule").asText() : null;
        if (!node.has("firing") && !node.has("pending")) {
            s.atKey(at, "a check needs 'firing' (and/or 'pending'): the alerts expected, [] for none");
        }
        List<RuleTestFile.ExpectedAlert> firing = alerts(s, at, node, "firing");
        List<RuleTestFile.ExpectedAlert> pending = alerts(s, at, node, "pending");
        if (s.problemCount() > before || time == null) {
            return null;
        }
        return new RuleTestFile.Expectation(time, rule, firing, pending, s.where(at));
    }

    private static List<RuleTestFile.ExpectedAlert> alerts(TestFileScope s, String at, JsonNode node, String key) {
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
            Map<String, String> labels = s.stringMap(itemAt, item, "labels");
            Map<String, String> annotations = s.stringMap(itemAt, item, "annotations");
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
}
