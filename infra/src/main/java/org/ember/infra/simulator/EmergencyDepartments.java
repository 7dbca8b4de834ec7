package org.ember.infra.simulator;

import java.util.Comparator;
import java.util.List;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;

/**
 * The emergency departments of a deployment, for choosing where a simulated casualty attends: the
 * nearest one in a straight line. The deployment file lists them (site code, name, position).
 */
final class EmergencyDepartments {

    /** One department: site code, name and WGS84 position, with its British National Grid point. */
    record Department(String siteCode, String name, double lon, double lat, double easting, double northing) {
        double squaredDistance(double e, double n) {
            double de = easting - e;
            double dn = northing - n;
            return de * de + dn * dn;
        }
    }

    private final List<Department> all;

    EmergencyDepartments(List<Department> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one emergency department");
        }
        this.all = List.copyOf(all);
    }

    List<Department> all() {
        return all;
    }

    /** The department nearest to a British National Grid point. */
    Department nearest(double easting, double northing) {
        return all.stream()
                .min(Comparator.comparingDouble((Department d) -> d.squaredDistance(easting, northing)))
                .orElseThrow();
    }

    static Department department(String code, String name, double lon, double lat) {
        ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);
        return new Department(code, name, lon, lat, p.x(), p.y());
    }
}
