package org.ember.fusion;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.linkage.LinkageSettings;
import org.ember.geo.linkage.PairWindow;
import org.ember.geo.linkage.Report;
import org.ember.geo.risk.AreaShape;
import org.locationtech.jts.geom.Envelope;

/**
 * Where linkage runs: square blocks of the British National Grid (a whole number of 250 m cells,
 * 4 km by default), independent of local authorities, so that reports on either side of a boundary
 * street meet in one block.
 *
 * <p>Every report has a <em>home</em> block: the block of its point, or for a report placed only by
 * its LSOA the block of the LSOA's centre (the same for every report of that LSOA). A linked
 * incident is owned, and published, only by the home block of the report that founded it
 * ({@link BlockLinker}). A report is sent to its home block and to every block whose owner could
 * need it, with a halo wide enough that the owner also sees the reports that compete for the same
 * partner. An LSOA's <em>reach</em> is its equivalent circle (the linker's idea of where it lies)
 * widened by {@code adjacentMetres + maxMetres}:
 * <ul>
 *   <li>a report placed only by an LSOA: every block touched by its LSOA's reach or by the reach of
 *       an LSOA that overlaps it (the LSOA's bounding box is part of its reach: the linker matches it
 *       with any point inside the LSOA);</li>
 *   <li>a point: every block within {@code 2 · maxMetres} of it, and every block touched by the reach
 *       of an LSOA whose reach holds the point (an attendance placed only by a large LSOA may join the
 *       police point just across its edge, or any point it competes with);</li>
 *   <li>a report with neither (a postcode district): treated as a point where the placer put it.</li>
 * </ul>
 */
public final class LinkageBlocks implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Block side in metres: sixteen 250 m cells (see docs/linkage-blocks.md for the choice). */
    public static final double DEFAULT_BLOCK_METRES = 4_000;
    private static final double BOX_SLACK_METRES = 100;

    private final double blockMetres;
    /** "4000m:": every block name starts so; formatted once, names are made for every report. */
    private final String namePrefix;
    private final double pointHalo;
    private final double areaMargin;
    private final Map<String, Centre> lsoas = new HashMap<>();
    /**
     * Per LSOA, where a report placed only by it goes: the blocks of every LSOA whose reach overlaps
     * its own, because a point in the overlap may choose between this report's incident and theirs.
     */
    private final Map<String, List<Long>> areaBlocks = new HashMap<>();
    /** Per block, the LSOAs whose reach touches it. */
    private final Map<Long, List<Centre>> reachingLsoas = new HashMap<>();

    /**
     * An LSOA's centre, its reach (circle and widened bounding box), and the blocks its reach touches.
     * The box is there because the linker matches an LSOA-only report with any point inside the LSOA,
     * however far from the equivalent circle.
     */
    private record Centre(String code, double x, double y, double reach, double minX, double minY, double maxX,
            double maxY, List<Long> blocks) implements Serializable {
        /** Whether the two reaches may overlap (compared as boxes around circle and box). */
        boolean overlaps(Centre o) {
            return Math.min(x - reach, minX) <= Math.max(o.x + o.reach, o.maxX)
                    && Math.min(o.x - o.reach, o.minX) <= Math.max(x + reach, maxX)
                    && Math.min(y - reach, minY) <= Math.max(o.y + o.reach, o.maxY)
                    && Math.min(o.y - o.reach, o.minY) <= Math.max(y + reach, maxY);
        }

        boolean reaches(double px, double py) {
            double dx = px - x;
            double dy = py - y;
            return Math.sqrt(dx * dx + dy * dy) <= reach || px >= minX && px <= maxX && py >= minY && py <= maxY;
        }
    }

    public LinkageBlocks(AreaCatalogue catalogue, LinkageSettings settings, double blockMetres) {
        if (!(blockMetres > 0)) {
            throw new IllegalArgumentException("block side must be positive: " + blockMetres);
        }
        this.blockMetres = blockMetres;
        this.namePrefix = String.format(Locale.ROOT, "%.0fm:", blockMetres);
        double widest = 0;
        for (PairWindow w : settings.windows().values()) {
            widest = Math.max(widest, w.maxMetres());
        }
        this.pointHalo = 2 * widest;
        this.areaMargin = settings.adjacentMetres() + widest;
        AreaShapes shapes = AreaShapes.of(catalogue);
        for (String code : new TreeSet<>(catalogue.lsoas().keySet())) {
            AreaShape s = shapes.lsoa(code);
            if (s == null) {
                continue;
            }
            double reach = s.radius() + areaMargin;
            Envelope box = catalogue.lsoas().get(code).geometry().getEnvelopeInternal();
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double lon : new double[] {box.getMinX(), box.getMaxX()}) {
                for (double lat : new double[] {box.getMinY(), box.getMaxY()}) {
                    ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);
                    minX = Math.min(minX, p.x());
                    minY = Math.min(minY, p.y());
                    maxX = Math.max(maxX, p.x());
                    maxY = Math.max(maxY, p.y());
                }
            }
            // The grid is not aligned with longitude and latitude: a projected box of the corners can
            // miss a few metres at its edges, which the slack covers.
            double margin = areaMargin + BOX_SLACK_METRES;
            minX -= margin;
            minY -= margin;
            maxX += margin;
            maxY += margin;
            TreeSet<Long> touched = new TreeSet<>(blocksWithin(s.x(), s.y(), reach));
            for (long i = floor(minX); i <= floor(maxX); i++) {
                for (long j = floor(minY); j <= floor(maxY); j++) {
                    touched.add(pack(i, j));
                }
            }
            Centre c = new Centre(code, s.x(), s.y(), reach, minX, minY, maxX, maxY, List.copyOf(touched));
            lsoas.put(code, c);
            for (long b : c.blocks()) {
                reachingLsoas.computeIfAbsent(b, k -> new ArrayList<>()).add(c);
            }
        }
        for (Centre c : lsoas.values()) {
            java.util.Set<String> others = new java.util.HashSet<>();
            TreeSet<Long> blocks = new TreeSet<>(c.blocks());
            for (long b : c.blocks()) {
                for (Centre other : reachingLsoas.get(b)) {
                    if (others.add(other.code()) && other.overlaps(c)) {
                        blocks.addAll(other.blocks());
                    }
                }
            }
            areaBlocks.put(c.code(), List.copyOf(blocks));
        }
    }

    /** The block that owns the incidents this report founds. */
    public String home(Report r) {
        Centre area = r.precise() ? null : lsoas.get(r.lsoa());
        return area == null ? name(blockOf(r.x(), r.y())) : name(blockOf(area.x(), area.y()));
    }

    /** Every block the report must reach, home first, the rest in name order. */
    public List<String> route(Report r) {
        TreeSet<Long> blocks = new TreeSet<>();
        Centre area = r.precise() ? null : lsoas.get(r.lsoa());
        if (area != null) {
            blocks.addAll(areaBlocks.get(area.code()));
        } else {
            blocks.addAll(blocksWithin(r.x(), r.y(), pointHalo));
            for (Centre c : reachingLsoas.getOrDefault(blockOf(r.x(), r.y()), List.of())) {
                if (c.reaches(r.x(), r.y())) {
                    blocks.addAll(c.blocks());
                }
            }
        }
        String home = home(r);
        TreeSet<String> rest = new TreeSet<>();
        for (long b : blocks) {
            rest.add(name(b));
        }
        rest.remove(home);
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(home);
        out.addAll(rest);
        return out;
    }

    /** Blocks whose square lies within {@code metres} of the point. */
    private List<Long> blocksWithin(double x, double y, double metres) {
        long i0 = (long) Math.floor((x - metres) / blockMetres);
        long i1 = (long) Math.floor((x + metres) / blockMetres);
        long j0 = (long) Math.floor((y - metres) / blockMetres);
        long j1 = (long) Math.floor((y + metres) / blockMetres);
        List<Long> out = new ArrayList<>();
        for (long i = i0; i <= i1; i++) {
            for (long j = j0; j <= j1; j++) {
                double dx = Math.max(0, Math.max(i * blockMetres - x, x - (i + 1) * blockMetres));
                double dy = Math.max(0, Math.max(j * blockMetres - y, y - (j + 1) * blockMetres));
                if (dx * dx + dy * dy <= metres * metres) {
                    out.add(pack(i, j));
                }
            }
        }
        return out;
    }

    private long blockOf(double x, double y) {
        return pack(floor(x), floor(y));
    }

    private long floor(double metres) {
        return (long) Math.floor(metres / blockMetres);
    }

    private static long pack(long i, long j) {
        return (i << 32) | (j & 0xffffffffL);
    }

    private String name(long packed) {
        long i = packed >> 32;
        long j = (int) packed;
        return namePrefix + i + ":" + j;
    }
}
