package org.ember.geo.area;

import java.io.BufferedReader;
import java.io.IOException;
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
 * The areas of one deployment, loaded from the boundary files its {@link AreaSources} name: the
 * LSOAs of the covered local authorities, the local authorities themselves, the ONS best-fit
 * lookup that turns a 2021 LSOA code into its 2011 one, and a table of postcode districts.
 */
public final class AreaCatalogue {

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
        AreaSources sources = coverage.sources();
        for (String lad : coverage.ladCodes()) {
            Path file = sources.lsoaFile(dataDir, lad);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no LSOA boundary file for local authority " + lad + ": " + file
                        + " does not exist (check the deployment's boundaries and the data directory)");
            }
            loaded.addAll(BoundaryFiles.read(file, Area.LSOA, sources.lsoaCodeProperty(), sources.lsoaNameProperty(), lad));
        }
        loaded.forEach(a -> lsoas.put(a.code(), a));
        lsoaIndex = new AreaIndex(loaded);
        if (sources.ladFile() != null) {
            Path ladFile = dataDir.resolve(sources.ladFile());
            if (Files.isRegularFile(ladFile)) {
                for (Area lad : BoundaryFiles.read(ladFile, Area.LAD, sources.ladCodeProperty(), sources.ladNameProperty(),
                        null)) {
                    ladNames.put(lad.code(), lad.name());
                }
            }
        }
        if (sources.lsoaLookup() != null) {
            readLsoaLookup(dataDir.resolve(sources.lsoaLookup()));
        }
        if (sources.postcodeDistricts() != null) {
            readPostcodeDistricts(dataDir.resolve(sources.postcodeDistricts()));
        }
    }

    /**
     * The catalogue for a data directory and coverage, loaded once per JVM and shared: every Flink
     * task of a job on one machine uses the same polygons.
     */
    public static AreaCatalogue load(Path dataDir, Coverage coverage) {
        String key = dataDir.toAbsolutePath().normalize() + "|" + coverage;
        return SHARED.computeIfAbsent(key, k -> new AreaCatalogue(dataDir, coverage));
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

    private void readPostcodeDistricts(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("district,")) {
                    continue;
                }
                String[] cells = line.split(",");
                postcodeDistrictToLad.put(cells[0].trim().toUpperCase(Locale.ROOT), cells[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postcode districts " + file, e);
        }
    }

    /** Every local authority of the outline file, code → name. */
    public Map<String, String> ladNames() {
        return Collections.unmodifiableMap(ladNames);
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
