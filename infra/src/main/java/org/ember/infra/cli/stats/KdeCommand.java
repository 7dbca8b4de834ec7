package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.geo.density.DefaultBandwidth;
import org.ember.geo.density.DensityGrid;
import org.ember.geo.density.Extent;
import org.ember.geo.density.KernelDensity;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats kde}: quartic kernel density on a grid. */
@Command(
        name = "kde",
        mixinStandardHelpOptions = true,
        description = {
            "Kernel density of point events with the quartic kernel K(d) = 3/(pi h^2) (1 - d^2/h^2)^2, d < h",
            "(as ArcGIS Kernel Density). Reads x,y; writes x,y,density for every cell centre of the grid",
            "over --extent, density in events per square unit (the surface integrates to the event count).",
            "Without --bandwidth, h = 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2 (ArcGIS's default search radius;",
            "SD standard distance, Dm median distance to the mean centre); the value used goes to stderr."
        })
public final class KdeCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: x,y.")
    Path input;

    @Option(names = "--bandwidth", paramLabel = "H", description = "Kernel radius h (default: the rule above).")
    Double bandwidth;

    @Option(names = "--cell", required = true, paramLabel = "C", description = "Cell size of the output grid.")
    double cell;

    @Option(names = "--extent", required = true, paramLabel = "XMIN,YMIN,XMAX,YMAX",
            description = "Grid extent; cells of size C from (XMIN, YMIN), enough to cover XMAX and YMAX.")
    String extentText;

    @Mixin
    PointColumns columns;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        double[] extent = NumberListOption.parse(extentText, "--extent");
        if (extent.length != 4) {
            throw new UserError("--extent needs four numbers xmin,ymin,xmax,ymax, got " + extent.length);
        }
        OptionChecks.positive("--cell", cell);
        if (bandwidth != null && (!(bandwidth > 0) || bandwidth.isInfinite())) {
            throw new UserError("--bandwidth must be a positive number, got " + bandwidth);
        }
        Extent area;
        try {
            area = new Extent(extent[0], extent[1], extent[2], extent[3]);
        } catch (IllegalArgumentException e) {
            throw new UserError("--extent: " + e.getMessage());
        }
        CsvTable table = CsvTable.read(input).requireRows(1);
        double[] x = columns.xs(table);
        double[] y = columns.ys(table);
        double h;
        if (bandwidth != null) {
            h = bandwidth;
        } else {
            try {
                h = DefaultBandwidth.of(x, y);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            System.err.println("kde: default bandwidth " + h);
        }
        long cells = (long) Math.ceil(area.width() / cell) * (long) Math.ceil(area.height() / cell);
        if (cells > 50_000_000L) {
            throw new UserError("--extent and --cell give " + cells + " cells; use a larger --cell");
        }
        DensityGrid grid = KernelDensity.estimate(x, y, area, cell, h);
        try (CsvOutput.Writer out = output.open()) {
            out.row("x", "y", "density");
            for (int j = 0; j < grid.rows(); j++) {
                for (int i = 0; i < grid.columns(); i++) {
                    out.row(grid.centreX(i), grid.centreY(j), grid.value(i, j));
                }
            }
        }
        return 0;
    }
}
