package org.ember.geo.area;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The areas of one deployment, loaded from the real boundary files in the data directory: the
 * 2011 LSOAs of the covered local authorities, the local authorities themselves, the ONS best-fit
 * lookup that turns a 2021 LSOA code into its 2011 one, and a table of postcode districts.
 */
public final class AreaCatalogue {
    static final String LSOA_DIR_WALES = "boundaries/wales_lsoa11_by_lad";
    static final String LSOA_DIR_MERSEYSIDE = "boundaries/merseyside_lsoa11_by_lad";
    static final String LAD_FILE = "boundaries/wales_lad13.json";
    static final String LSOA_LOOKUP = "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz";
    static final String POSTCODE_DISTRICTS = "/postcode-districts.csv";

    private static final Map<String, AreaCatalogue> SHARED = new ConcurrentHashMap<>();

    private final Coverage coverage;
    private final Map<String, Area> lsoas = new HashMap<>();
    private final Map<String, String> ladNames = new HashMap<>();
    private final Map<String, String> lsoa21To11 = new HashMap<>();
    private final Map<String, String> postcodeDistrictToLad = new HashMap<>();
    private final AreaIndex lsoaIndex;

    private AreaCatalogue(Path dataDir, Coverage coverage) {
        this.coverage = coverage;
        List<Area> loaded = new ArrayList<>();
        for (String lad : coverage.ladCodes()) {
            Path file = lsoaFile(dataDir, lad);
            loaded.addAll(BoundaryFiles.read(file, Area.LSOA, "LSOA11CD", "LSOA11NM", lad));
        }
        loaded.forEach(a -> lsoas.put(a.code(), a));
        lsoaIndex = new AreaIndex(loaded);
        Path ladFile = dataDir.resolve(LAD_FILE);
        if (Files.isRegularFile(ladFile)) {
            for (Area lad : BoundaryFiles.read(ladFile, Area.LAD, "LAD13CD", "LAD13NM", null)) {
                ladNames.put(lad.code(), lad.name());
            }
        }
        readLsoaLookup(dataDir.resolve(LSOA_LOOKUP));
        readPostcodeDistricts();
    }

    /**
     * The catalogue for a data directory and coverage, loaded once per JVM and shared: every Flink
     * task of a job on one machine uses the same polygons.
     */
    public static AreaCatalogue load(Path dataDir, Coverage coverage) {
        String key = dataDir.toAbsolutePath().normalize() + "|" + coverage;
        return SHARED.computeIfAbsent(key, k -> new AreaCatalogue(dataDir, coverage));
    }

    private static Path lsoaFile(Path dataDir, String lad) {
        Path wales = dataDir.resolve(LSOA_DIR_WALES).resolve(lad + ".json");
        if (Files.isRegularFile(wales)) {
            return wales;
        }
        Path merseyside = dataDir.resolve(LSOA_DIR_MERSEYSIDE).resolve(lad + ".json");
        if (Files.isRegularFile(merseyside)) {
            return merseyside;
        }
        throw new IllegalArgumentException("no LSOA boundary file for local authority " + lad + " under "
                + dataDir.resolve("boundaries") + " (is the data directory right? see README: Data)");
    }

    private void readLsoaLookup(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                return;
            }
            List<String> columns = List.of(header.replace("\uFEFF", "").split(","));
            int from = columns.indexOf("LSOA21CD");
            int to = columns.indexOf("LSOA11CD");
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                if (cells.length > Math.max(from, to)) {
                    lsoa21To11.putIfAbsent(cells[from], cells[to]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LSOA lookup " + file, e);
        }
    }

    private void readPostcodeDistricts() {
        try (InputStream in = AreaCatalogue.class.getResourceAsStream(POSTCODE_DISTRICTS)) {
            if (in == null) {
                return;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("district,")) {
                    continue;
                }
                String[] cells = line.split(",");
                postcodeDistrictToLad.put(cells[0].trim().toUpperCase(Locale.ROOT), cells[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Coverage coverage() {
        return coverage;
    }

    public AreaIndex lsoaIndex() {
        return lsoaIndex;
    }

    /** The covered 2011 LSOA with this code; a 2021 code is first mapped to its best-fit 2011 LSOA. */
    public Optional<Area> lsoa(String code) {
        Area direct = lsoas.get(code);
        if (direct != null) {
            return Optional.of(direct);
        }
        return Optional.ofNullable(lsoa21To11.get(code)).map(lsoas::get);
    }

    public Map<String, Area> lsoas() {
        return Collections.unmodifiableMap(lsoas);
    }

    public String ladName(String ladCode) {
        return ladNames.getOrDefault(ladCode, ladCode);
    }

    public Optional<String> ladOfPostcodeDistrict(String district) {
        return Optional.ofNullable(postcodeDistrictToLad.get(district.toUpperCase(Locale.ROOT)));
    }
}
