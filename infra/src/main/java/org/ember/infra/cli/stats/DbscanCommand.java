package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.geo.cluster.Clustering;
import org.ember.geo.cluster.Dbscan;
import org.ember.geo.cluster.SpaceTimeNeighbourhood;
import org.ember.geo.cluster.StDbscan;
import org.ember.geo.cluster.StPoint;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats dbscan}: DBSCAN, or ST-DBSCAN with --eps-time. */
@Command(
        name = "dbscan",
        mixinStandardHelpOptions = true,
        description = {
            "DBSCAN density clustering (labels identical to R dbscan::dbscan): a point with at least",
            "--min-points points (itself included) within --eps (inclusive) is a core point; clusters are",
            "numbered 1, 2, ... in order of their first core point in the file, noise is 0, and a border",
            "point joins the first cluster that reaches it. With --eps-time, ST-DBSCAN: neighbours must also",
            "be within T days (column t: decimal days or ISO dates). Reads id,x,y[,t]; writes id,cluster,core."
        })
public final class DbscanCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: id,x,y and, with --eps-time, t.")
    Path input;

    @Option(names = "--eps", required = true, paramLabel = "E", description = "Neighbourhood radius (same unit as x and y).")
    double eps;

    @Option(names = "--min-points", required = true, paramLabel = "M",
            description = "Points (the point itself included) within eps that make a core point.")
    int minPoints;

    @Option(names = "--eps-time", paramLabel = "T", description = "Time window in days for ST-DBSCAN (inclusive).")
    Double epsTime;

    @Option(names = "--id", defaultValue = "id", paramLabel = "COLUMN", description = "Name of the id column (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Mixin
    PointColumns columns;

    @Mixin
    TimeColumn timeColumn;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new UserError("--eps must be a non-negative number, got " + eps);
        }
        if (minPoints < 1) {
            throw new UserError("--min-points must be at least 1, got " + minPoints);
        }
        if (epsTime != null && !(epsTime >= 0)) {
            throw new UserError("--eps-time must be a non-negative number of days, got " + epsTime);
        }
        CsvTable table = CsvTable.read(input).requireRows(1);
        List<String> ids = table.texts(table.column(idColumn, "--id"));
        double[] x = columns.xs(table);
        double[] y = columns.ys(table);
        Clustering clustering;
        if (epsTime == null) {
            clustering = Dbscan.cluster(x, y, eps, minPoints);
        } else {
            double[] t = timeColumn.days(table);
            List<StPoint> points = new ArrayList<>(x.length);
            for (int i = 0; i < x.length; i++) {
                points.add(new StPoint(i, x[i], y[i], t[i]));
            }
            clustering = StDbscan.cluster(points, new SpaceTimeNeighbourhood(eps, epsTime), minPoints);
        }
        try (CsvOutput.Writer out = output.open()) {
            out.row("id", "cluster", "core");
            for (int i = 0; i < ids.size(); i++) {
                out.row(ids.get(i), clustering.label(i), clustering.isCore(i));
            }
        }
        return 0;
    }
}
