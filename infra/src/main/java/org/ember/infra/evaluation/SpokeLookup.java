package org.ember.infra.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * LSOA (2011) → local authority (the VRU spoke), from the ONS best-fit lookup under
 * {@code lookups/} of the shared data, read where it lies.
 */
public final class SpokeLookup {
    static final String FILE = "lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz";
    private final Map<String, String> ladOfLsoa;
    private final Map<String, String> ladNames;

    private SpokeLookup(Map<String, String> ladOfLsoa, Map<String, String> ladNames) {
        this.ladOfLsoa = ladOfLsoa;
        this.ladNames = ladNames;
    }

    public static SpokeLookup empty() {
        return new SpokeLookup(Map.of(), Map.of());
    }

    public static SpokeLookup load(Path dataDir) {
        Path file = dataDir.resolve("lookups").resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Map<String, String> lad = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",", -1);
                if (c.length >= 7 && !line.contains("\"")) {
                    lad.putIfAbsent(c[1], c[5]);
                    names.putIfAbsent(c[5], c[6]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new SpokeLookup(lad, names);
    }

    /** The LAD code of an LSOA, or null. */
    public String lad(String lsoa) {
        return lsoa == null ? null : ladOfLsoa.get(lsoa);
    }

    /** The LAD's name, or the code itself. */
    public String name(String lad) {
        return lad == null ? "unknown" : ladNames.getOrDefault(lad, lad);
    }
}
