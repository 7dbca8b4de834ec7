package org.ember.infra.simulator;

import java.util.List;
import java.util.function.Predicate;
import org.ember.deployment.AeSite;
import org.ember.deployment.Deployment;
import org.ember.geo.area.AreaCatalogue;

/**
 * Where the simulated partners work, from the deployment: which LSOAs its agencies cover (intelligence
 * reports are tied to those; police.uk rows outside them are replayed and counted, and the job
 * dead-letters them), the emergency departments casualties attend, and the ambulance service's call
 * id prefix.
 */
public final class SimulatedArea {
    private final Predicate<String> covers;
    private final EmergencyDepartments departments;
    private final String ambulanceService;

    SimulatedArea(Predicate<String> covers, EmergencyDepartments departments, String ambulanceService) {
        this.covers = covers;
        this.departments = departments;
        this.ambulanceService = ambulanceService;
    }

    /** The simulated area of a deployment: its LSOAs (2011, or 2021 through the lookup) and its sites. */
    public static SimulatedArea of(Deployment deployment) {
        AreaCatalogue catalogue = AreaCatalogue.load(deployment.dataDir(), deployment.coverage());
        List<EmergencyDepartments.Department> sites = deployment.simulator().emergencyDepartments().stream()
                .map(SimulatedArea::department).toList();
        return new SimulatedArea(code -> catalogue.lsoa(code).isPresent(), new EmergencyDepartments(sites),
                deployment.simulator().ambulanceService());
    }

    private static EmergencyDepartments.Department department(AeSite site) {
        return EmergencyDepartments.department(site.code(), site.name(), site.lon(), site.lat());
    }

    /** Whether an LSOA code is one the deployment covers. */
    boolean covers(String lsoaCode) {
        return lsoaCode != null && covers.test(lsoaCode);
    }

    EmergencyDepartments departments() {
        return departments;
    }

    String ambulanceService() {
        return ambulanceService;
    }
}
