package org.ember.rules.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One condition on an alert's labels, written as in Alertmanager: {@code lad="W06000015"},
 * {@code severity!="info"}, {@code alertname=~"weapon-.*"}, {@code area!~"W0100.*"}. A label the
 * alert does not have counts as the empty string, and regular expressions must match the whole
 * value.
 *
 * <p>Regular expressions come from outside (route files, the console's silence form, the API), so
 * they run on RE2J: linear in the input whatever the pattern (Alertmanager uses Go's RE2 with the
 * same syntax). A backtracking engine once hung the delivery stage on {@code (.*){1,32}!}.
 *
 * @param name  label name
 * @param type  comparison
 * @param value value or regular expression
 */
public record Matcher(String name, MatchType type, String value) implements Serializable {
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");
    /** Compiled regular expressions, shared: matchers are records and are checked often. */
    private static final Map<String, com.google.re2j.Pattern> COMPILED = new ConcurrentHashMap<>();
    /** Longest regular expression accepted; RE2J's work is linear in the input but its program grows with this. */
    public static final int MAX_REGEX = 1024;
    /** Most entries in the compiled-pattern cache (patterns from the API must not grow it without end). */
    private static final int MAX_CACHED = 10_000;

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                pattern(value); // fails early on a bad expression
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression " + value + ": " + e.getDescription(), e);
            }
        }
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(name, MatchType.EQUAL, value);
    }

    /**
     * Reads {@code name op "value"} (quotes optional); an {@link IllegalArgumentException} says what
     * is wrong.
     */
    @JsonCreator
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher; write e.g. lad=\"W06000015\", "
                    + "severity!=\"info\" or alertname=~\"weapon-.*\"");
        }
        MatchType type = switch (m.group(2)) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            default -> MatchType.NOT_REGEX;
        };
        try {
            return new Matcher(m.group(1), type, unquote(m.group(3)));
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof com.google.re2j.PatternSyntaxException syntax) {
                throw new IllegalArgumentException("'" + text + "': bad regular expression: " + syntax.getDescription(), e);
            }
            throw e;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    char next = value.charAt(++i);
                    out.append(next == 'n' ? '\n' : next);
                } else if (c == '"') {
                    throw new IllegalArgumentException("unescaped quote inside " + value);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (value.contains("\"")) {
            throw new IllegalArgumentException("unbalanced quotes in " + value);
        }
        return value;
    }

    private static com.google.re2j.Pattern pattern(String regex) {
        com.google.re2j.Pattern cached = COMPILED.get(regex);
        if (cached != null) {
            return cached;
        }
        if (regex.length() > MAX_REGEX) {
            throw new IllegalArgumentException("regular expression of " + regex.length() + " characters; at most "
                    + MAX_REGEX + " allowed");
        }
        // RE2 has no backreferences or lookaround, so Alertmanager-style patterns compile unchanged.
        com.google.re2j.Pattern compiled = com.google.re2j.Pattern.compile("^(?:" + regex + ")$");
        if (COMPILED.size() < MAX_CACHED) {
            COMPILED.put(regex, compiled);
        }
        return compiled;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern(value).matcher(actual).matches();
            case NOT_REGEX -> !pattern(value).matcher(actual).matches();
        };
    }

    /** Whether every matcher holds (an empty list always does). */
    public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @JsonValue
    @Override
    public String toString() {
        return name + type.symbol() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
