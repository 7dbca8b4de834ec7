package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.hotspot.GiOptions;
import org.ember.geo.hotspot.HotSpot;
import org.ember.geo.hotspot.Weighting;
import org.ember.geo.neighbours.NeighbourList;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats gi-star}: Getis–Ord hot spots with a distance band. */
@Command(
        name = "gi-star",
        mixinStandardHelpOptions = true,
        description = {
            "Getis-Ord Gi* hot spot analysis (as ArcGIS Hot Spot Analysis; z-scores match R spdep::localG).",
            "Reads id,x,y,value (projected coordinates, e.g. metres); neighbours are the features within",
            "--distance (inclusive). Writes id,z,p,bin: z-score, two-sided normal p-value and confidence",
            "bin +/-3 (99%), +/-2 (95%), +/-1 (90%), 0 not significant; with --fdr also p_fdr, and the",
            "bins use the Benjamini-Hochberg adjusted p-values. NA where z is undefined."
        })
public final class GiStarCommand implements Callable<Integer> {
    /** Weight schemes as written on the command line. */
    enum WeightsOption {
        binary(Weighting.BINARY), row(Weighting.ROW_STANDARDISED);

        final Weighting weighting;

        WeightsOption(Weighting weighting) {
            this.weighting = weighting;
        }
    }

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: id,x,y,value.")
    Path input;

    @Option(names = "--distance", required = true, paramLabel = "D",
            description = "Distance band: features within D (same unit as x and y) are neighbours.")
    double distance;

    @Option(names = "--weights", paramLabel = "binary|row", defaultValue = "binary",
            description = "binary: every neighbour weighs 1 (default); row: row-standardised, 1/k each.")
    WeightsOption weights;

    @Option(names = "--no-self", description = "Compute Gi instead of Gi*: leave each feature out of its own neighbourhood.")
    boolean noSelf;

    @Option(names = "--fdr", description = "Apply the Benjamini-Hochberg false discovery rate correction to the bins.")
    boolean fdr;

    @Option(names = "--id", defaultValue = "id", paramLabel = "COLUMN", description = "Name of the id column (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Mixin
    PointColumns columns;

    @Option(names = "--value", defaultValue = "value", paramLabel = "COLUMN",
            description = "Name of the value column (default: ${DEFAULT-VALUE}).")
    String valueColumn;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        OptionChecks.positive("--distance", distance);
        CsvTable table = CsvTable.read(input).requireRows(3);
        List<String> ids = table.texts(table.column(idColumn, "--id"));
        double[] x = columns.xs(table);
        double[] y = columns.ys(table);
        double[] values = table.numbers(table.column(valueColumn, "--value"));
        GiOptions options = new GiOptions(weights.weighting, !noSelf, fdr);
        List<HotSpot> result = GetisOrd.compute(values, NeighbourList.withinDistance(x, y, distance), options);
        try (CsvOutput.Writer out = output.open()) {
            if (fdr) {
                out.row("id", "z", "p", "p_fdr", "bin");
            } else {
                out.row("id", "z", "p", "bin");
            }
            for (int i = 0; i < ids.size(); i++) {
                HotSpot h = result.get(i);
                if (fdr) {
                    out.row(ids.get(i), h.z(), h.p(), h.pAdjusted(), h.bin());
                } else {
                    out.row(ids.get(i), h.z(), h.p(), h.bin());
                }
            }
        }
        return 0;
    }
}
