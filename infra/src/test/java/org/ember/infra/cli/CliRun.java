package org.ember.infra.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Runs {@code ember …} in-process with standard output and error captured. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = EmberCli.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Output lines (CSV rows including the header). */
    public List<String> lines() {
        return Arrays.asList(out.split("\n"));
    }

    /** Output rows split at commas (empty trailing fields kept), the header first. */
    public List<String[]> rows() {
        return out.strip().lines().map(line -> line.split(",", -1)).toList();
    }

    /** The value of {@code column} in data row {@code row} (0-based), by header name. */
    public String cell(int row, String column) {
        List<String> header = Arrays.asList(lines().get(0).split(","));
        return lines().get(row + 1).split(",")[header.indexOf(column)];
    }

    public static Path csv(Path dir, String name, String... lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
