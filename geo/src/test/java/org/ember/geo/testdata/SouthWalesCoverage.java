package org.ember.geo.testdata;

import java.nio.file.Path;
import java.util.List;
import org.ember.geo.area.AreaSources;
import org.ember.geo.area.Coverage;

/** The shipped south-wales-gwent deployment's coverage, for tests that need real areas. */
public final class SouthWalesCoverage {
    public static final List<String> LADS = List.of("W06000011", "W06000012", "W06000013", "W06000014", "W06000015",
            "W06000016", "W06000024", "W06000018", "W06000019", "W06000020", "W06000021", "W06000022");

    private SouthWalesCoverage() {}

    public static Coverage coverage() {
        Path postcodes = Path.of("..")
                .resolve("deployments/south-wales-gwent/postcode-districts.csv").toAbsolutePath().normalize();
        return new Coverage("south-wales-gwent", LADS, AreaSources.onsPattern("boundaries/wales_lsoa11_by_lad/{lad}.json",
                LADS, "boundaries/wales_lad13.json", "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv.gz",
                postcodes.toString()));
    }
}
