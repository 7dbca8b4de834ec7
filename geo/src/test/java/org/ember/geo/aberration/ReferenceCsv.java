package org.ember.geo.aberration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the small R reference CSVs under src/test/resources/reference/aberration. */
final class ReferenceCsv {
    private final List<String> header;
    private final List<String[]> rows;

    private ReferenceCsv(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static ReferenceCsv load(String name) {
        String resource = "/reference/aberration/" + name;
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            List<String> header = Arrays.asList(lines[0].split(","));
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    String[] cells = lines[i].split(",", -1);
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = cells[c].trim();
                    }
                    rows.add(cells);
                }
            }
            return new ReferenceCsv(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return rows.size();
    }

    String text(int row, String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return rows.get(row)[c];
    }

    /** A number, NaN for R's NA. */
    double number(int row, String column) {
        String t = text(row, column);
        return t.equals("NA") ? Double.NaN : Double.parseDouble(t);
    }

    long[] longs(String column) {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Long.parseLong(text(i, column));
        }
        return out;
    }

    boolean flag(int row, String column) {
        return text(row, column).equals("TRUE");
    }

    Map<String, Integer> indexBy(String column) {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            map.put(text(i, column), i);
        }
        return map;
    }
}
