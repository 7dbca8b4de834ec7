package org.ember.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Ember finds its files: the checkout ({@code -Dember.home}, set by the {@code ember} script)
 * and the shared data directory ({@code --data-dir}, else {@code EMBER_DATA_DIR}, else
 * {@code ../shared/data} beside the checkout).
 */
public final class EmberPaths {
    public static final String DATA_DIR_ENV = "EMBER_DATA_DIR";

    private EmberPaths() {}

    public static Path home() {
        return Path.of(System.getProperty("ember.home", ".")).toAbsolutePath().normalize();
    }

    public static Path dataDir(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String fromEnv = environment.get(DATA_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return home().resolve("../shared/data").normalize();
    }

    /**
     * A data directory that exists, or a message saying what is missing. Which files in it a
     * deployment needs is the deployment's to check ({@code ember deployment check}).
     */
    public static String problemWith(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return "data directory " + dataDir + " not found; set --data-dir or " + DATA_DIR_ENV
                    + " (README, section Data, says where the public originals come from)";
        }
        return null;
    }
}
