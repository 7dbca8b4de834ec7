package org.ember.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import org.ember.rules.routing.ConfigException;
import picocli.CommandLine.Option;

/**
 * The {@code --deployment} option every command takes, and how it is resolved: the option, else
 * {@code $EMBER_DEPLOYMENT}, else the deployment {@code deployments/default} of the checkout names.
 * A deployment that does not load is a user error listing every problem as {@code file:line:column}.
 */
public final class DeploymentOption {
    @Option(names = "--deployment", paramLabel = "FILE",
            description = "Deployment file or folder (default: $EMBER_DEPLOYMENT, else the one deployments/default names).")
    Path deployment;

    /** Loads the deployment; {@code dataDir} is the command's {@code --data-dir}, or null. */
    public Deployment load(Path dataDir) {
        return load(deployment, dataDir, System.getenv());
    }

    /** The deployment file this option points at (without loading it). */
    public Path file() {
        return file(deployment, System.getenv());
    }

    public static Deployment load(Path explicit, Path dataDir, Map<String, String> environment) {
        Path file = file(explicit, environment);
        Path data = EmberPaths.dataDir(dataDir, environment);
        try {
            return Deployment.load(file, data, environment);
        } catch (ConfigException e) {
            throw new UserError("the deployment " + file + " cannot be used:\n" + e.getMessage());
        }
    }

    public static Path file(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnv = environment.get(Deployment.ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        // The checkout's: ember.home when the ember script set it, else the nearest folder above that has one.
        for (Path dir = EmberPaths.home(); dir != null; dir = dir.getParent()) {
            Path pointer = dir.resolve("deployments").resolve("default");
            try {
                if (Files.isRegularFile(pointer)) {
                    return pointer.getParent().resolve(Files.readString(pointer).trim());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pointer, e);
            }
        }
        throw new UserError("no deployment given: pass --deployment FILE or set " + Deployment.ENV
                + " (docs/deployment.md shows how to write one)");
    }
}
