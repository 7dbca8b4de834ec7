package org.ember.rules.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.rules.oncall.OnCallDirectory;
import org.ember.rules.oncall.OnCallLoader;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.Route;
import org.ember.rules.routing.RoutesLoader;
import org.ember.rules.routing.RoutingTree;
import org.ember.rules.routing.YamlSource;

/**
 * A deployment's routing directory ({@code alert-rules/routing/}): {@value #ROUTES} (the tree,
 * receivers, inhibition, time windows) and {@value #ONCALL} (people, teams, rotas, escalation
 * policies), loaded and cross-checked together.
 */
public final class AlertRouting {
    public static final String ROUTES = "routes.yaml";
    public static final String ONCALL = "oncall.yaml";

    private final RoutingTree tree;
    private final OnCallDirectory directory;

    public AlertRouting(RoutingTree tree, OnCallDirectory directory) {
        this.tree = tree;
        this.directory = directory;
    }

    /** Loads both files of a directory; every problem in either is reported. */
    public static AlertRouting load(Path dir) throws ConfigException {
        Map<String, String> files = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (String name : List.of(ROUTES, ONCALL)) {
            Path file = dir.resolve(name);
            try {
                files.put(file.toString(), Files.readString(file));
            } catch (java.io.IOException e) {
                problems.add(new ConfigProblem(file.toString(), 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<String> names = new ArrayList<>(files.keySet());
        return parse(names.get(0), files.get(names.get(0)), names.get(1), files.get(names.get(1)));
    }

    /** Parses the two files' texts (the job receives them as text in its settings). */
    public static AlertRouting parse(String routesName, String routesText, String oncallName, String oncallText)
            throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        OnCallDirectory directory = new OnCallLoader().load(YamlSource.parse(oncallName, oncallText, problems));
        RoutingTree tree = new RoutesLoader().load(YamlSource.parse(routesName, routesText, problems),
                directory == null ? null : id -> directory.policy(id).isPresent());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AlertRouting(tree, directory);
    }

    public RoutingTree tree() {
        return tree;
    }

    public OnCallDirectory directory() {
        return directory;
    }

    /**
     * The groups an alert joins: one per matched route whose receiver delivers to someone.
     *
     * @param inhibitedSince when an alert muting it started firing (event time); empty when none does
     */
    public List<RoutedAlert> route(Alert alert, OptionalLong inhibitedSince) {
        boolean inhibited = inhibitedSince.isPresent();
        long since = inhibitedSince.orElse(0);
        List<RoutedAlert> routed = new ArrayList<>();
        for (Route route : tree.match(alert.labels())) {
            if (tree.receiver(route.receiver()).delivers()) {
                routed.add(new RoutedAlert(route.groupKey(alert.labels()), route.id(), route.receiver(), alert, inhibited, since));
            }
        }
        return routed;
    }
}
