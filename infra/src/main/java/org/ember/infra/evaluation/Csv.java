package org.ember.infra.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 CSV output (quoted when needed). */
final class Csv {
    private Csv() {}

    static void write(Path file, List<List<String>> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(quote(row.get(i)));
            }
            b.append("\r\n");
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        // A leading = + - @ would be read as a formula by spreadsheets: prefix a quote (OWASP CSV injection).
        String safe = !s.isEmpty() && "=+@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
