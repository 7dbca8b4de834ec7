package org.ember.geo.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaIndex;
import org.ember.geo.area.Coverage;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Point-in-area placement against all 1,909 Welsh LSOAs (every local authority of Wales), single
 * thread: the raster-backed index against the STR-tree path and against a naive loop over every
 * polygon (envelope check, then an exact covers test). Points are drawn uniformly over the
 * bounding box of populated South Wales, where most of them land in small urban LSOAs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlacementBenchmark {
    static final int POINTS = 100_000;
    static final List<String> ALL_WALES = List.of("W06000001", "W06000002", "W06000003", "W06000004", "W06000005",
            "W06000006", "W06000008", "W06000009", "W06000010", "W06000011", "W06000012", "W06000013", "W06000014",
            "W06000015", "W06000016", "W06000018", "W06000019", "W06000020", "W06000021", "W06000022", "W06000023",
            "W06000024");

    private AreaIndex index;
    private List<Area> areas;
    private double[] lon;
    private double[] lat;
    private final GeometryFactory factory = new GeometryFactory();

    @Setup
    public void load() {
        Path data = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        index = AreaCatalogue.load(data, new Coverage("wales", ALL_WALES, org.ember.geo.area.AreaSources.onsPattern("boundaries/wales_lsoa11_by_lad/{lad}.json", ALL_WALES, null, null, null))).lsoaIndex();
        areas = index.areas();
        Random random = new Random(2025L);
        lon = new double[POINTS];
        lat = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            lon[i] = -4.2 + random.nextDouble() * 1.4;
            lat[i] = 51.40 + random.nextDouble() * 0.40;
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void rasterIndex(Blackhole sink) {
        for (int i = 0; i < POINTS; i++) {
            sink.consume(index.locate(lon[i], lat[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void strTreeOnly(Blackhole sink) {
        for (int i = 0; i < POINTS; i++) {
            sink.consume(index.locateByTree(lon[i], lat[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS / 100)
    public void naiveLoopOverPolygons(Blackhole sink) {
        for (int i = 0; i < POINTS / 100; i++) {
            Point point = factory.createPoint(new Coordinate(lon[i], lat[i]));
            Area found = null;
            for (Area area : areas) {
                if (area.geometry().getEnvelopeInternal().contains(lon[i], lat[i]) && area.geometry().covers(point)) {
                    found = area;
                    break;
                }
            }
            sink.consume(found);
        }
    }
}
