package org.ember.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page and Leaflet, read from the classpath (never from the internet: consoles run on networks
 * that reach nothing outside). Only the page's own files and the Leaflet distribution can be asked
 * for; anything else, including "..", is simply not found.
 */
final class StaticFiles {
    static final String LEAFLET_VERSION = "1.9.4";
    static final String LEAFLET_URL_PREFIX = "/webjars/leaflet/" + LEAFLET_VERSION + "/dist/";
    private static final String LEAFLET_RESOURCES = "META-INF/resources/webjars/leaflet/" + LEAFLET_VERSION + "/dist/";
    private static final String PAGE_RESOURCES = "console/";
    private static final Set<String> PAGE_FILES = Set.of("index.html", "app.js", "style.css", "login.html", "login.js");

    /** A file to send; {@code immutable} when its URL carries its version. */
    record Resource(byte[] bytes, String contentType, boolean immutable) {}

    private final Map<String, Resource> cache = new ConcurrentHashMap<>();

    /** The file for a request path such as {@code /app.js} or {@code /webjars/leaflet/1.9.4/dist/leaflet.js}. */
    Optional<Resource> find(String path) {
        Resource cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Resource> loaded = load(path);
        loaded.ifPresent(resource -> cache.put(path, resource)); // misses are not kept: any path can be asked for
        return loaded;
    }

    private static Optional<Resource> load(String path) {
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            return Optional.empty();
        }
        if (path.startsWith(LEAFLET_URL_PREFIX)) {
            String rest = path.substring(LEAFLET_URL_PREFIX.length());
            if (!rest.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?")) {
                return Optional.empty();
            }
            return read(LEAFLET_RESOURCES + rest, true);
        }
        String name = path.equals("/") ? "index.html" : path.equals("/login") ? "login.html" : path.substring(1);
        if (!PAGE_FILES.contains(name)) {
            return Optional.empty();
        }
        return read(PAGE_RESOURCES + name, false);
    }

    private static Optional<Resource> read(String resource, boolean immutable) {
        ClassLoader loader = StaticFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Resource(in.readAllBytes(), contentType(resource), immutable));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (lower.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (lower.endsWith(".png")) {
            return "image/png";
        } else if (lower.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (lower.endsWith(".map") || lower.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
