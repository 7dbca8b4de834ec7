package org.ember.geo.area;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a deployment's areas come from: one LSOA boundary file per local authority, one file of
 * local-authority outlines (GeoJSON or TopoJSON), the 2021→2011 LSOA lookup and a postcode-district
 * table. Paths are kept as text so the record travels inside Flink's serialized settings; a relative
 * path is resolved against the data directory {@link AreaCatalogue#load} is given.
 *
 * @param lsoaFiles         local authority code → its LSOA boundary file (GeoJSON FeatureCollection)
 * @param lsoaCodeProperty  feature property holding the LSOA code, e.g. LSOA11CD
 * @param lsoaNameProperty  feature property holding the LSOA name
 * @param ladFile           file of local-authority outlines; GeoJSON, or TopoJSON (a {@code Topology})
 * @param ladCodeProperty   property holding the local authority code
 * @param ladNameProperty   property holding its name
 * @param lsoaLookup        gzipped CSV with LSOA21CD and LSOA11CD columns, or null for none
 * @param postcodeDistricts CSV {@code district,lad} placing postcode districts, or null for none
 */
public record AreaSources(
        Map<String, String> lsoaFiles,
        String lsoaCodeProperty,
        String lsoaNameProperty,
        String ladFile,
        String ladCodeProperty,
        String ladNameProperty,
        String lsoaLookup,
        String postcodeDistricts) implements Serializable {

    public AreaSources {
        // Sorted, so equal sources compare and print equal whatever order they were built in.
        lsoaFiles = new TreeMap<>(lsoaFiles);
    }

    /** The placeholder a per-authority file pattern uses for the local authority code. */
    public static final String LAD_PLACEHOLDER = "{lad}";

    /**
     * Sources whose LSOA files follow one pattern, e.g. {@code boundaries/x_lsoa11_by_lad/{lad}.json},
     * with the ONS property names of the 2011 LSOA and 2013 local authority releases.
     */
    public static AreaSources onsPattern(String lsoaPattern, List<String> lads, String ladFile, String lsoaLookup,
            String postcodeDistricts) {
        Map<String, String> files = new TreeMap<>();
        lads.forEach(lad -> files.put(lad, lsoaPattern.replace(LAD_PLACEHOLDER, lad)));
        return new AreaSources(files, "LSOA11CD", "LSOA11NM", ladFile, "LAD13CD", "LAD13NM", lsoaLookup, postcodeDistricts);
    }

    /** The LSOA boundary file of one local authority, resolved against the data directory. */
    Path lsoaFile(Path dataDir, String lad) {
        String file = lsoaFiles.get(lad);
        if (file == null) {
            throw new IllegalArgumentException("no LSOA boundary file is configured for local authority " + lad);
        }
        return dataDir.resolve(file);
    }
}
