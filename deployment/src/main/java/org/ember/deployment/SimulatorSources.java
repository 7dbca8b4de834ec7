package org.ember.deployment;

import java.nio.file.Path;
import java.util.List;

/**
 * What the feed simulator replays for this deployment.
 *
 * @param policeFolders     data.police.uk force folders ({@code <YYYY-MM>-<force>-street.csv.gz} inside)
 * @param ambulanceService  prefix of simulated ambulance call ids, e.g. the service's initials
 * @param emergencyDepartments where simulated casualties attend (the nearest one)
 */
public record SimulatorSources(List<Path> policeFolders, String ambulanceService, List<AeSite> emergencyDepartments) {
    public SimulatorSources {
        policeFolders = List.copyOf(policeFolders);
        emergencyDepartments = List.copyOf(emergencyDepartments);
    }
}
