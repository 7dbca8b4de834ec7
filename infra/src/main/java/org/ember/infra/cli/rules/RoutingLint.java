package org.ember.infra.cli.rules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ember.rules.lint.RouteCheck;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.ConfigProblem;
import org.ember.rules.routing.Receiver;
import org.ember.rules.routing.Route;
import org.ember.rules.routing.RoutesLoader;
import org.ember.rules.routing.RoutingTree;

/**
 * The routing check behind the lint of alerts no route would deliver: an alert is delivered when
 * one of the routes it ends in (Alertmanager's matching, the root catching the rest) has a receiver
 * with an escalation policy. Escalation policies themselves are checked by the routing commands.
 */
final class RoutingLint {
    private RoutingLint() {}

    /** The check for a routing file, or null (with a note saying why) when the file cannot be read. */
    static RouteCheck load(Path routingFile, PrintWriter out) {
        RoutingTree tree;
        try {
            tree = new RoutesLoader().load(routingFile, policy -> true);
        } catch (ConfigException e) {
            out.println("note: " + routingFile + " has problems, so the lint of alerts no route would deliver is skipped:");
            for (ConfigProblem p : e.problems()) {
                out.println("  " + p);
            }
            return null;
        } catch (RuntimeException e) {
            out.println("note: cannot read " + routingFile + " (" + e.getMessage() + "): the routing lint is skipped");
            return null;
        }
        if (tree == null) {
            out.println("note: cannot read " + routingFile + ": the routing lint is skipped");
            return null;
        }
        return labels -> {
            List<String> silent = new ArrayList<>();
            for (Route route : tree.match(labels)) {
                Receiver receiver = tree.receiver(route.receiver());
                if (receiver != null && receiver.delivers()) {
                    return null;
                }
                silent.add(route.receiver());
            }
            return "it ends in receiver" + (silent.size() == 1 ? " " : "s ") + String.join(", ", silent)
                    + ", which deliver" + (silent.size() == 1 ? "s" : "") + " to nobody";
        };
    }
}
