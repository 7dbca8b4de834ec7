package org.ember.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who looked at what: one JSON line per page view, state read, export, acknowledgement, silence and
 * login, appended and flushed at once so a crash loses nothing already served, and (with Kafka)
 * written to {@code ember.audit} as well, confirmed before the request is answered. The user is the
 * logged-in person's name; on a console without a users file, {@value #ANONYMOUS}.
 */
public final class AuditLog implements Closeable {
    public static final String ANONYMOUS = "anonymous";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock;
    private final BufferedWriter writer;
    private volatile java.util.function.Consumer<String> copy = line -> { };

    public AuditLog(Path file, Clock clock) {
        this.clock = clock;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file, e);
        }
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    /** Appends one line: time, user, route, remote address, user agent. */
    public void record(String route, String remoteAddress, String userAgent) {
        record(ANONYMOUS, route, remoteAddress, userAgent, Map.of());
    }

    public void record(String route, String remoteAddress, String userAgent, Map<String, String> details) {
        record(ANONYMOUS, route, remoteAddress, userAgent, details);
    }

    /** Where each line also goes (the {@code ember.audit} topic); it must throw when it cannot take it. */
    public void copyTo(java.util.function.Consumer<String> sink) {
        this.copy = sink;
    }

    /**
     * Appends one line with what an action did besides (e.g. the acknowledged alert, who the
     * acknowledger said they were, a silence's matchers).
     */
    public void record(String user, String route, String remoteAddress, String userAgent, Map<String, String> details) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("time", Instant.now(clock).toString());
        line.put("user", user);
        line.put("route", route);
        line.put("remote_address", remoteAddress);
        line.put("user_agent", userAgent);
        details.forEach(line::putIfAbsent);
        String text;
        try {
            text = mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode audit line", e);
        }
        synchronized (writer) {
            try {
                writer.write(text);
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write audit log", e);
            }
        }
        copy.accept(text);
    }

    @Override
    public void close() throws IOException {
        synchronized (writer) {
            writer.close();
        }
    }
}
