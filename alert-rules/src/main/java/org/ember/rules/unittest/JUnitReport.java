package org.ember.rules.unittest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rule test results as JUnit XML, the format CI servers read. One test suite per test file. */
public final class JUnitReport {
    private JUnitReport() {}

    public static void write(Path file, List<RuleTestRunner.Result> results) throws IOException {
        Map<String, List<RuleTestRunner.Result>> byFile = new LinkedHashMap<>();
        for (RuleTestRunner.Result r : results) {
            byFile.computeIfAbsent(r.file(), f -> new java.util.ArrayList<>()).add(r);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = results.stream().filter(r -> !r.passed()).count();
        xml.append("<testsuites name=\"ember rules test\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        for (Map.Entry<String, List<RuleTestRunner.Result>> suite : byFile.entrySet()) {
            List<RuleTestRunner.Result> cases = suite.getValue();
            xml.append("  <testsuite name=\"").append(escape(suite.getKey())).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(cases.stream().filter(r -> !r.passed()).count())
                    .append("\" time=\"").append(seconds(cases.stream().mapToLong(RuleTestRunner.Result::millis).sum()))
                    .append("\">\n");
            for (RuleTestRunner.Result r : cases) {
                xml.append("    <testcase classname=\"").append(escape(suite.getKey())).append("\" name=\"")
                        .append(escape(r.test())).append("\" time=\"").append(seconds(r.millis())).append("\"");
                if (r.passed()) {
                    xml.append("/>\n");
                } else {
                    xml.append(">\n      <failure message=\"").append(escape(r.failures().get(0).lines().findFirst().orElse("")))
                            .append("\">").append(escape(String.join("\n", r.failures()))).append("</failure>\n    </testcase>\n");
                }
            }
            xml.append("  </testsuite>\n");
        }
        xml.append("</testsuites>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
