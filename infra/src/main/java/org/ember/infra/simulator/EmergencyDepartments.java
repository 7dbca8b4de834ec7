package org.ember.infra.simulator;

import java.util.Comparator;
import java.util.List;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;

/**
 * The major emergency departments serving South Wales and Gwent, for choosing where a simulated
 * casualty attends: the nearest one in a straight line. The site codes are ILLUSTRATIVE (shaped
 * like ODS site codes, not checked against ODS) and the positions approximate (to ~200 m).
 */
final class EmergencyDepartments {

    /** One department: illustrative site code, name and approximate WGS84 position. */
    record Department(String siteCode, String name, double lon, double lat, double easting, double northing) {
        double squaredDistance(double e, double n) {
            double de = easting - e;
            double dn = northing - n;
            return de * de + dn * dn;
        }
    }

    static final List<Department> ALL = List.of(
            department("7A4BV", "University Hospital of Wales, Cardiff", -3.1903, 51.5070),
            department("7A3C7", "Morriston Hospital, Swansea", -3.9340, 51.6830),
            department("7A3C4", "Princess of Wales Hospital, Bridgend", -3.5750, 51.5135),
            department("7A5B1", "Royal Glamorgan Hospital, Llantrisant", -3.3900, 51.5578),
            department("7A5B3", "Prince Charles Hospital, Merthyr Tydfil", -3.3785, 51.7633),
            department("7A6G9", "Grange University Hospital, Cwmbran", -2.9980, 51.6490));

    private EmergencyDepartments() {}

    /** The department nearest to a British National Grid point. */
    static Department nearest(double easting, double northing) {
        return ALL.stream()
                .min(Comparator.comparingDouble((Department d) -> d.squaredDistance(easting, northing)))
                .orElseThrow();
    }

    private static Department department(String code, String name, double lon, double lat) {
        ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);
        return new Department(code, name, lon, lat, p.x(), p.y());
    }
}
