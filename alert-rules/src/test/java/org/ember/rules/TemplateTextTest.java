package org.ember.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Templates parsed once ({@link TemplateText#parse}) against matching the placeholders on every render, as it was. */
class TemplateTextTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    /** The render before parsed templates were kept: appendReplacement over the placeholder pattern. */
    private static String byMatching(String template, Function<TemplateText.Expression, String> value) {
        if (template.indexOf("{{") < 0) {
            return template;
        }
        Iterator<TemplateText.Expression> expressions = TemplateText.expressions(template).iterator();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(expressions.next())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final String[] PIECES = {"{{ .area_name }}", "{{.value}}", "{{ value \"count{window=7d,feed=any}\" }}",
        "{{ $labels }}", "{{}}", "{{", "}}", "{", "}", "$1", "\\", "\n", "{{ .lad\n }}", " ", "Cell ", "é", "{{{ .rule }}}",
        "{{ .why }}", "text"};

    @Test
    void sameAsMatchingOnRandomTemplates() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder template = new StringBuilder();
            int pieces = random.nextInt(8);
            for (int j = 0; j < pieces; j++) {
                template.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = template.toString();
            // Values with $ and \ too: the old render quoted them for appendReplacement.
            List<String> seen = new ArrayList<>();
            Function<TemplateText.Expression, String> value = e -> {
                String v = e.source() + "|" + e.variable() + "|" + e.metric() + "$0\\" + seen.size();
                seen.add(v);
                return v;
            };
            String expected = byMatching(text, value);
            List<String> expectedCalls = List.copyOf(seen);
            seen.clear();
            assertThat(TemplateText.render(text, value)).isEqualTo(expected);
            assertThat(seen).isEqualTo(expectedCalls);
            // Parsed once, rendered twice: the parsed form keeps nothing of a render.
            TemplateText.Template parsed = TemplateText.parse(text);
            for (int round = 0; round < 2; round++) {
                seen.clear();
                assertThat(parsed.render(value)).isEqualTo(expected);
                assertThat(seen).isEqualTo(expectedCalls);
            }
        }
    }

    @Test
    void templatesWithoutPlaceholdersComeBackAsTheyAre() {
        String plain = "no placeholders { here }";
        assertThat(TemplateText.render(plain, e -> "x")).isSameAs(plain);
        assertThat(TemplateText.render("", e -> "x")).isEmpty();
        assertThat(TemplateText.render("{{ .a }}", e -> "")).isEmpty();
        assertThat(TemplateText.parse(plain).render(e -> "x")).isSameAs(plain);
    }
}
