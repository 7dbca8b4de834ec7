package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ember.geo.emerging.EmergingHotSpots;
import org.ember.geo.emerging.LocationTrend;
import org.ember.geo.emerging.SpaceTimeCube;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats ehsa}: emerging hot spot analysis of a space-time cube. */
@Command(
        name = "ehsa",
        mixinStandardHelpOptions = true,
        description = {
            "Emerging hot spot analysis (after ArcGIS Pro). Space-time Gi* on every (location, step) bin:",
            "neighbours are the locations within --distance (itself included) at the same step and at the",
            "previous step. A bin is hot (cold) when z > 0 (< 0) and p <= --alpha. The Mann-Kendall trend of",
            "each location's z series and its hot/cold history give the category: new, consecutive,",
            "intensifying, persistent, diminishing, sporadic, oscillating or historical hot/cold spot, or",
            "no pattern detected. Reads location,step,x,y,value (steps are whole numbers, consecutive;",
            "one row per location and step); writes location,category,hot_steps,cold_steps,trend_tau,trend_p."
        })
public final class EhsaCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: location,step,x,y,value.")
    Path input;

    @Option(names = "--distance", required = true, paramLabel = "D", description = "Neighbourhood distance between locations (unit of x and y).")
    double distance;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05",
            description = "Significance level for hot/cold bins and for the trend (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--missing-as-zero",
            description = "Treat a (location, step) without a row as value 0 (e.g. counts); otherwise it is an error.")
    boolean missingAsZero;

    @Option(names = {"--id", "--location"}, defaultValue = "location", paramLabel = "COLUMN",
            description = "Name of the location column (default: ${DEFAULT-VALUE}).")
    String locationColumn;

    @Option(names = "--step", defaultValue = "step", paramLabel = "COLUMN", description = "Name of the step column (default: ${DEFAULT-VALUE}).")
    String stepColumn;

    @Mixin
    PointColumns columns;

    @Option(names = "--value", defaultValue = "value", paramLabel = "COLUMN", description = "Name of the value column (default: ${DEFAULT-VALUE}).")
    String valueColumn;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        OptionChecks.positive("--distance", distance);
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserError("--alpha must lie between 0 and 1, got " + alpha);
        }
        CsvTable table = CsvTable.read(input).requireRows(1);
        CsvTable.Column location = table.column(locationColumn, "--location");
        CsvTable.Column step = table.column(stepColumn, "--step");
        CsvTable.Column xCol = table.column(columns.x, "--x");
        CsvTable.Column yCol = table.column(columns.y, "--y");
        CsvTable.Column valueCol = table.column(valueColumn, "--value");
        long firstStep = Long.MAX_VALUE;
        long lastStep = Long.MIN_VALUE;
        for (int r = 0; r < table.rowCount(); r++) {
            long s = table.integer(r, step);
            firstStep = Math.min(firstStep, s);
            lastStep = Math.max(lastStep, s);
        }
        if (lastStep - firstStep >= 100_000) {
            throw new UserError(table.file() + ": steps run from " + firstStep + " to " + lastStep + "; use consecutive step numbers");
        }
        int steps = (int) (lastStep - firstStep + 1);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<double[]> coordinates = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        List<boolean[]> seen = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            String id = table.text(r, location);
            Integer l = index.get(id);
            if (l == null) {
                l = index.size();
                index.put(id, l);
                coordinates.add(new double[] {table.number(r, xCol), table.number(r, yCol)});
                series.add(new double[steps]);
                seen.add(new boolean[steps]);
            }
            int s = (int) (table.integer(r, step) - firstStep);
            if (seen.get(l)[s]) {
                throw table.fieldError(r, step, "location " + id + " has step " + (s + firstStep) + " twice");
            }
            seen.get(l)[s] = true;
            series.get(l)[s] = table.number(r, valueCol);
        }
        if (!missingAsZero) {
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                boolean[] present = seen.get(e.getValue());
                for (int s = 0; s < steps; s++) {
                    if (!present[s]) {
                        throw new UserError(table.file() + ": location " + e.getKey() + " has no row for step "
                                + (s + firstStep) + " (add it, or use --missing-as-zero)");
                    }
                }
            }
        }
        if (index.size() * (long) steps < 3) {
            throw new UserError(table.file() + ": the cube has fewer than 3 bins");
        }
        List<String> ids = new ArrayList<>(index.keySet());
        double[] x = new double[ids.size()];
        double[] y = new double[ids.size()];
        for (int l = 0; l < ids.size(); l++) {
            x[l] = coordinates.get(l)[0];
            y[l] = coordinates.get(l)[1];
        }
        SpaceTimeCube cube = SpaceTimeCube.of(ids, x, y, series.toArray(new double[0][]));
        List<LocationTrend> result = EmergingHotSpots.analyse(cube, distance, alpha);
        try (CsvOutput.Writer out = output.open()) {
            out.row("location", "category", "hot_steps", "cold_steps", "trend_tau", "trend_p");
            for (LocationTrend t : result) {
                out.row(t.location(), t.category().label(), t.hotSteps(), t.coldSteps(), t.trendTau(), t.trendP());
            }
        }
        return 0;
    }
}
