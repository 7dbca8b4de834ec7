package org.ember.geo.area;

import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.grid.GridCell;
import org.locationtech.jts.geom.Point;

/**
 * Places a location in the deployment's areas: its LSOA, its local authority (the VRU spoke) and
 * its British National Grid cell. A point outside every covered LSOA is reported, never guessed.
 */
public final class AreaPlacer {
    /**
     * Points remembered with their placement: police.uk's anonymised map points number ~9,000–16,000
     * per force over a year of data, so 32,768 slots hold a two-force deployment's points. A full memo
     * holds 7.4 MB (measured: the slot array, entries, results, placements and cell ids, or failure
     * reasons; area codes are the catalogue's own strings), so at most that per placer.
     */
    private static final int MEMO_SLOTS = 32_768;

    private final AreaCatalogue catalogue;
    private final int cellSizeMetres;
    private final PointMemo<Result> lonLatMemo = new PointMemo<>(MEMO_SLOTS);

    /** Outcome of a placement: a placement or the reason there is none. */
    public record Result(Placement placement, String failure) {
        public boolean placed() {
            return placement != null;
        }

        static Result of(Placement placement) {
            return new Result(placement, null);
        }

        static Result failed(String reason) {
            return new Result(null, reason);
        }
    }

    public AreaPlacer(AreaCatalogue catalogue, int cellSizeMetres) {
        this.catalogue = catalogue;
        this.cellSizeMetres = cellSizeMetres;
    }

    /**
     * Places a WGS84 point. The answer is a pure function of the point's exact coordinates, so a
     * point seen before gets the very result it got then (placement, projected coordinates, cell,
     * or the failure reason), without the projection and the point-in-polygon search.
     */
    public Result placeLonLat(double lon, double lat) {
        Result known = lonLatMemo.get(lon, lat);
        if (known != null) {
            return known;
        }
        Result placed = placeLonLatAfresh(lon, lat);
        lonLatMemo.put(lon, lat, placed);
        return placed;
    }

    /** {@link #placeLonLat} without the memo: the reference it is tested against. */
    Result placeLonLatAfresh(double lon, double lat) {
        ProjectedPoint grid = BritishNationalGrid.fromWgs84(lon, lat);
        return placePoint(lon, lat, grid.x(), grid.y(),
                () -> String.format(java.util.Locale.ROOT, "point lon %.5f, lat %.5f", lon, lat));
    }

    public Result placeGrid(double easting, double northing) {
        LonLat lonLat = BritishNationalGrid.toWgs84(easting, northing);
        return placePoint(lonLat.lon(), lonLat.lat(), easting, northing,
                () -> String.format(java.util.Locale.ROOT, "grid reference E %.0f, N %.0f", easting, northing));
    }

    /** {@code described} is formatted only for a failure: a format per placed record was a sixth of ingest. */
    private Result placePoint(double lon, double lat, double easting, double northing,
            java.util.function.Supplier<String> described) {
        return catalogue.lsoaIndex()
                .locate(lon, lat)
                .map(lsoa -> Result.of(new Placement(lsoa.code(), lsoa.parentCode(),
                        GridCell.containing(easting, northing, cellSizeMetres).id(), lon, lat, easting, northing, true)))
                .orElseGet(() -> Result.failed("outside coverage: " + described.get() + " is in no LSOA of "
                        + catalogue.coverage().name()));
    }

    /** An LSOA code alone: the event is placed at the LSOA's interior point, with no grid cell. */
    public Result placeLsoa(String code) {
        return catalogue.lsoa(code)
                .map(lsoa -> {
                    Point inside = lsoa.geometry().getInteriorPoint();
                    ProjectedPoint grid = BritishNationalGrid.fromWgs84(inside.getX(), inside.getY());
                    return Result.of(new Placement(lsoa.code(), lsoa.parentCode(), null,
                            inside.getX(), inside.getY(), grid.x(), grid.y(), false));
                })
                .orElseGet(() -> Result.failed("outside coverage: LSOA " + code + " is not an LSOA of "
                        + catalogue.coverage().name()));
    }

    /** A postcode district alone: only the local authority is known. */
    public Result placePostcodeDistrict(String district) {
        return catalogue.ladOfPostcodeDistrict(district)
                .filter(lad -> catalogue.coverage().covers(lad))
                .map(lad -> {
                    Point inside = catalogue.lsoas().values().stream()
                            .filter(a -> lad.equals(a.parentCode()))
                            .findFirst()
                            .map(a -> a.geometry().getInteriorPoint())
                            .orElseThrow();
                    ProjectedPoint grid = BritishNationalGrid.fromWgs84(inside.getX(), inside.getY());
                    return Result.of(new Placement(null, lad, null, inside.getX(), inside.getY(), grid.x(), grid.y(), false));
                })
                .orElseGet(() -> Result.failed("outside coverage: postcode district " + district
                        + " is not known to be in " + catalogue.coverage().name()));
    }

    public AreaCatalogue catalogue() {
        return catalogue;
    }
}
