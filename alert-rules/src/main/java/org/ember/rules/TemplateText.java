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
        if (template.indexOf("{{") < 0) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(expression(m.group(), m.group(1).trim()))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
