package org.ember.model.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A feed's JSON Schema compiled into a quick check that can only say "certainly valid". Validating
 * every record with the general JSON-Schema library was a sixth of the ingest task
 * (docs/benchmarks-throughput.md), so {@link FeedContracts} asks this first and runs the library only
 * when the answer is not {@link Verdict#VALID}: every rejection is still the library's, word for word.
 *
 * <p>It is compiled from the very schema files partners read, never written by hand, and knows only
 * the keywords Ember's schemas use (type, properties, required, minLength, maxLength, pattern,
 * format date-time, minimum, maximum, enum and const of strings, anyOf, allOf, if/then,
 * additionalProperties: true). A schema with any other keyword compiles to nothing, and that feed
 * always takes the library's path. Where it cannot be sure (a date-time it does not parse in the one
 * strict form, an integer written as 1.0, a number out of double range) it answers
 * {@link Verdict#UNSURE}, never VALID. Patterns run on {@link Pattern#matcher}{@code .find()}, as the
 * library's default regular-expression engine does.
 */
final class FastContract {
    /** What the quick check knows about a record. */
    enum Verdict {
        VALID, INVALID, UNSURE;

        Verdict and(Verdict other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            return this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }
    }

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
    /** RFC 3339 date-time in the one form the quick check vouches for; anything else is UNSURE. */
    private static final Pattern DATE_TIME =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

    private final Node root;

    private FastContract(Node root) {
        this.root = root;
    }

    /** The quick check of a schema, or null when the schema uses a keyword it does not know. */
    static FastContract compile(JsonNode schema) {
        try {
            return new FastContract(node(schema));
        } catch (IllegalArgumentException unknownKeyword) {
            return null;
        }
    }

    Verdict check(JsonNode record) {
        return root.check(record);
    }

    private interface Node {
        Verdict check(JsonNode value);
    }

    private static Node node(JsonNode schema) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema is not an object");
        }
        List<Node> checks = new ArrayList<>();
        JsonNode ifSchema = null;
        JsonNode thenSchema = null;
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode v = e.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            switch (keyword) {
                case "type" -> checks.add(type(v.asText()));
                case "properties" -> checks.add(properties(v));
                case "required" -> checks.add(required(v));
                case "minLength" -> {
                    int min = v.intValue();
                    checks.add(s -> !s.isTextual() ? Verdict.VALID : verdict(length(s) >= min));
                }
                case "maxLength" -> {
                    int max = v.intValue();
                    checks.add(s -> !s.isTextual() ? Verdict.VALID : verdict(length(s) <= max));
                }
                case "pattern" -> {
                    Pattern p = Pattern.compile(v.asText());
                    checks.add(s -> !s.isTextual() ? Verdict.VALID : verdict(p.matcher(s.textValue()).find()));
                }
                case "format" -> {
                    if (!"date-time".equals(v.asText())) {
                        throw new IllegalArgumentException("format " + v.asText());
                    }
                    checks.add(s -> !s.isTextual() ? Verdict.VALID : dateTime(s.textValue()));
                }
                case "minimum" -> {
                    double min = number(v);
                    checks.add(s -> !s.isNumber() ? Verdict.VALID : finite(s) ? verdict(s.doubleValue() >= min) : Verdict.UNSURE);
                }
                case "maximum" -> {
                    double max = number(v);
                    checks.add(s -> !s.isNumber() ? Verdict.VALID : finite(s) ? verdict(s.doubleValue() <= max) : Verdict.UNSURE);
                }
                case "enum" -> checks.add(oneOfStrings(v));
                case "const" -> {
                    if (!v.isTextual()) {
                        throw new IllegalArgumentException("const of a non-string");
                    }
                    String c = v.textValue();
                    checks.add(s -> verdict(s.isTextual() && s.textValue().equals(c)));
                }
                case "anyOf" -> checks.add(anyOf(v));
                case "allOf" -> {
                    for (JsonNode sub : v) {
                        checks.add(node(sub));
                    }
                }
                case "if" -> ifSchema = v;
                case "then" -> thenSchema = v;
                case "additionalProperties" -> {
                    if (!v.isBoolean() || !v.booleanValue()) {
                        throw new IllegalArgumentException("additionalProperties other than true");
                    }
                }
                default -> throw new IllegalArgumentException("keyword " + keyword);
            }
        }
        if (ifSchema != null || thenSchema != null) {
            if (ifSchema == null || thenSchema == null) {
                throw new IllegalArgumentException("if without then, or then without if");
            }
            Node condition = node(ifSchema);
            Node consequence = node(thenSchema);
            checks.add(s -> switch (condition.check(s)) {
                case VALID -> consequence.check(s);
                case INVALID -> Verdict.VALID;
                case UNSURE -> Verdict.UNSURE;
            });
        }
        Node[] all = checks.toArray(new Node[0]);
        return value -> {
            Verdict result = Verdict.VALID;
            for (Node check : all) {
                result = result.and(check.check(value));
                if (result == Verdict.INVALID) {
                    return result;
                }
            }
            return result;
        };
    }

    private static Node type(String type) {
        return switch (type) {
            case "object" -> s -> verdict(s.isObject());
            case "string" -> s -> verdict(s.isTextual());
            case "boolean" -> s -> verdict(s.isBoolean());
            case "number" -> s -> !s.isNumber() ? Verdict.INVALID : finite(s) ? Verdict.VALID : Verdict.UNSURE;
            // 1.0 is an integer to JSON Schema 2020-12 but not to this check: UNSURE, and the library decides.
            case "integer" -> s -> s.isIntegralNumber() ? Verdict.VALID : s.isNumber() ? Verdict.UNSURE : Verdict.INVALID;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    private static Node properties(JsonNode properties) {
        List<String> names = new ArrayList<>();
        List<Node> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            names.add(e.getKey());
            checks.add(node(e.getValue()));
        }
        String[] n = names.toArray(new String[0]);
        Node[] c = checks.toArray(new Node[0]);
        return s -> {
            if (!s.isObject()) {
                return Verdict.VALID;
            }
            Verdict result = Verdict.VALID;
            for (int i = 0; i < n.length; i++) {
                JsonNode value = s.get(n[i]);
                if (value != null) {
                    result = result.and(c[i].check(value));
                    if (result == Verdict.INVALID) {
                        return result;
                    }
                }
            }
            return result;
        };
    }

    private static Node required(JsonNode required) {
        List<String> names = new ArrayList<>();
        required.forEach(n -> names.add(n.asText()));
        String[] n = names.toArray(new String[0]);
        return s -> {
            if (!s.isObject()) {
                return Verdict.VALID;
            }
            for (String name : n) {
                if (!s.has(name)) {
                    return Verdict.INVALID;
                }
            }
            return Verdict.VALID;
        };
    }

    private static Node anyOf(JsonNode alternatives) {
        List<Node> nodes = new ArrayList<>();
        alternatives.forEach(a -> nodes.add(node(a)));
        Node[] all = nodes.toArray(new Node[0]);
        return s -> {
            boolean unsure = false;
            for (Node a : all) {
                Verdict v = a.check(s);
                if (v == Verdict.VALID) {
                    return v;
                }
                unsure |= v == Verdict.UNSURE;
            }
            return unsure ? Verdict.UNSURE : Verdict.INVALID;
        };
    }

    private static Node oneOfStrings(JsonNode values) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode v : values) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("enum of a non-string");
            }
            allowed.add(v.textValue());
        }
        Set<String> set = Set.copyOf(allowed);
        return s -> verdict(s.isTextual() && set.contains(s.textValue()));
    }

    private static Verdict dateTime(String text) {
        if (IsoInstants.epochMillis(text) != IsoInstants.UNSURE) {
            return Verdict.VALID; // the usual shape, checked field by field without a formatter
        }
        // "-00:00" ("offset unknown" in RFC 3339) is refused by the library: not vouched for here either.
        if (!DATE_TIME.matcher(text).matches() || text.endsWith("-00:00")) {
            return Verdict.UNSURE;
        }
        try {
            OffsetDateTime.parse(text);
            return Verdict.VALID;
        } catch (DateTimeParseException e) {
            return Verdict.UNSURE;
        }
    }

    private static double number(JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("bound is not a number");
        }
        return v.doubleValue();
    }

    private static boolean finite(JsonNode n) {
        return (n.isIntegralNumber() ? n.canConvertToLong() : Double.isFinite(n.doubleValue()));
    }

    private static int length(JsonNode s) {
        String t = s.textValue();
        return t.codePointCount(0, t.length());
    }

    private static Verdict verdict(boolean holds) {
        return holds ? Verdict.VALID : Verdict.INVALID;
    }
}
