package org.ember.infra.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath of a broker JVM. The Kafka server is not on the CLI's own classpath (it is a
 * {@code provided} dependency of infra): the {@code ember} script names the file the build lists
 * its jars in ({@code infra/target/broker-classpath.txt}, property {@value #PROPERTY}), and only the
 * commands that start a broker read it. Under Maven the test classpath carries the server.
 */
public final class BrokerClasspath {
    /** System property: the file listing the Kafka server's jars. */
    public static final String PROPERTY = "ember.broker.classpath";

    private BrokerClasspath() {}

    public static String get() {
        String surefire = System.getProperty("surefire.test.class.path");
        String own = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return own;
        }
        try {
            return own + File.pathSeparator + Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka server's classpath " + file
                    + " is not built; run `mvn -B -DskipTests package`", e);
        }
    }
}
