package org.ember.geo.testdata;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real shared data lies: the {@code ember.data.dir} property Maven sets, or ../shared/data. */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        Path dir = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath()
                    + ": set -Dember.data.dir (see README: Data)");
        }
        return dir;
    }
}
