package org.ember.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of rule annotations, written as Prometheus and Alertmanager write them:
 * {@code {{ .area_name }}} for a variable, {@code {{ value "count{window=7d,feed=any,category=weapon}" }}}
 * for the area's current value of any metric.
 */
public final class TemplateText {
    /** Every variable an annotation may use; {@code docs/rules.md} says what each holds. */
    public static final Set<String> VARIABLES = Set.of("rule", "group", "severity", "area_name", "area_id", "layer", "lad",
            "lad_name", "value", "threshold", "metric", "window", "for", "keep_firing_for", "since", "fired_at", "why");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern VARIABLE = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern VALUE_OF = Pattern.compile("value\\s+\"([^\"]+)\"");

    private TemplateText() {}

    /**
     * One placeholder.
     *
     * @param source   the placeholder as written, braces included
     * @param variable the variable it names, or null
     * @param metric   the metric whose value it shows, or null
     */
    public record Expression(String source, String variable, String metric) {
        /** Neither a variable nor a value of a metric: a mistake. */
        public boolean malformed() {
            return variable == null && metric == null;
        }
    }

    public static List<Expression> expressions(String template) {
        List<Expression> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            found.add(expression(m.group(), m.group(1).trim()));
        }
        return found;
    }

    private static Expression expression(String source, String inside) {
        Matcher variable = VARIABLE.matcher(inside);
        if (variable.matches()) {
            return new Expression(source, variable.group(1), null);
        }
        Matcher value = VALUE_OF.matcher(inside);
        if (value.matches()) {
            return new Expression(source, null, value.group(1));
        }
        return new Expression(source, null, null);
    }

    /** The template with each placeholder replaced by what {@code value} gives for it. */
    public static String render(String template, Function<Expression, String> value) {
        return template.indexOf("{{") < 0 ? template : parse(template).render(value);
    }

    /**
     * A template split at its placeholders: the text between them ({@code expressions.length + 1}
     * pieces) and the placeholders. Every alert renders its rule's annotations, and matching the
     * placeholder patterns again for each one was half of rendering's samples in the backtest, so
     * whoever renders a rule's templates often keeps them parsed for as long as the rule lives
     * ({@code AlertFactory} does, per rule set).
     */
    public static final class Template {
        private final String text;
        private final String[] literals;
        private final Expression[] expressions;

        private Template(String text, String[] literals, Expression[] expressions) {
            this.text = text;
            this.literals = literals;
            this.expressions = expressions;
        }

        /** The template with each placeholder replaced by what {@code value} gives for it. */
        public String render(Function<Expression, String> value) {
            if (expressions.length == 0) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length() + 32);
            for (int i = 0; i < expressions.length; i++) {
                out.append(literals[i]).append(value.apply(expressions[i]));
            }
            return out.append(literals[expressions.length]).toString();
        }
    }

    /** The template split at its placeholders, with the same patterns {@link #expressions} uses. */
    public static Template parse(String template) {
        List<String> literals = new ArrayList<>();
        List<Expression> expressions = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int from = 0;
        while (m.find()) {
            literals.add(template.substring(from, m.start()));
            expressions.add(expression(m.group(), m.group(1).trim()));
            from = m.end();
        }
        literals.add(template.substring(from));
        return new Template(template, literals.toArray(new String[0]), expressions.toArray(new Expression[0]));
    }
}
