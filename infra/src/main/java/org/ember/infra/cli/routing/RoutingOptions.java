package org.ember.infra.cli.routing;

import java.nio.file.Path;
import org.ember.infra.cli.UserError;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.routing.ConfigException;
import picocli.CommandLine.Option;

/** The {@code --routing DIR} option shared by the routing commands. */
final class RoutingOptions {
    @Option(names = "--routing", description = "Routing directory with routes.yaml and oncall.yaml "
            + "(default: the deployment's routing).")
    Path routing;

    @picocli.CommandLine.Mixin
    org.ember.infra.cli.DeploymentOption deployment;

    Path dir() {
        return routing != null ? routing : deployment.load(null).routing();
    }

    AlertRouting load() {
        try {
            return AlertRouting.load(dir());
        } catch (ConfigException e) {
            throw new UserError("routing files are invalid:\n" + e.getMessage());
        }
    }
}
