package org.ember.rules.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One node of the routing tree, with what it inherited from its parents already filled in.
 *
 * @param id                  position in the tree ({@code root}, {@code root.0}, {@code root.0.2}); part of group keys
 * @param receiver            receiver name
 * @param matchers            all must hold for an alert to enter this route
 * @param continueMatching    after a match here, keep trying the following siblings
 * @param groupBy             labels whose values form a group; {@code ...} alone means every label
 * @param groupWait           how long a new group waits for more alerts before its first notification
 * @param groupInterval       how long after a notification a group waits before telling of new alerts
 * @param repeatInterval      how long before a still-firing, unacknowledged group is notified again
 * @param activeTimeIntervals names of windows outside which the route sends nothing (empty = always)
 * @param muteTimeIntervals   names of windows inside which the route sends nothing
 * @param routes              children, tried in order
 */
public record Route(
        String id,
        String receiver,
        List<Matcher> matchers,
        boolean continueMatching,
        List<String> groupBy,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        List<String> activeTimeIntervals,
        List<String> muteTimeIntervals,
        List<Route> routes) {

    public static final String GROUP_BY_ALL = "...";

    public Route {
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
        activeTimeIntervals = List.copyOf(activeTimeIntervals);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        routes = List.copyOf(routes);
    }

    /**
     * The group an alert with these labels joins on this route: the route id and the values of the
     * group-by labels, e.g. {@code root.0{alertname="weapon",lad="W06000015"}}.
     */
    public String groupKey(Map<String, String> labels) {
        Map<String, String> values = new TreeMap<>();
        if (groupBy.contains(GROUP_BY_ALL)) {
            values.putAll(labels);
        } else {
            for (String label : groupBy) {
                values.put(label, labels.getOrDefault(label, ""));
            }
        }
        StringJoiner key = new StringJoiner(",", id + "{", "}");
        values.forEach((k, v) -> key.add(k + "=\"" + v + "\""));
        return key.toString();
    }
}
