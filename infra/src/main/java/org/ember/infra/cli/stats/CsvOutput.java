package org.ember.infra.cli.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Option;

/**
 * The {@code --out FILE} option of the stats commands (default: standard output) and a small CSV
 * writer: numbers in Java's shortest round-trip form, NaN as {@code NA}, text quoted when needed.
 * Use as a picocli mixin.
 */
public final class CsvOutput {
    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the CSV result to FILE instead of standard output.")
    Path out;

    /** Opens the destination; close the writer when done (standard output is only flushed). */
    public Writer open() {
        if (out == null) {
            return new Writer(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), false);
        }
        try {
            BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
            return new Writer(new PrintWriter(file), true);
        } catch (IOException e) {
            throw new UserError("cannot write " + out + " (" + e.getMessage() + ")");
        }
    }

    /** Writes rows of a CSV. */
    public static final class Writer implements AutoCloseable {
        private final PrintWriter writer;
        private final boolean closeAtEnd;

        private Writer(PrintWriter writer, boolean closeAtEnd) {
            this.writer = writer;
            this.closeAtEnd = closeAtEnd;
        }

        /** One line; each value is a String, a Number or a Boolean. */
        public void row(Object... values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(format(values[i]));
            }
            writer.print(line);
            writer.print('\n');
        }

        @Override
        public void close() {
            writer.flush();
            if (writer.checkError()) {
                throw new UncheckedIOException(new IOException("failed writing the CSV output"));
            }
            if (closeAtEnd) {
                writer.close();
            }
        }

        static String format(Object value) {
            if (value instanceof Double) {
                double d = (Double) value;
                return Double.isNaN(d) ? "NA" : Double.toString(d);
            }
            String text = String.valueOf(value);
            if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
            return text;
        }
    }
}
