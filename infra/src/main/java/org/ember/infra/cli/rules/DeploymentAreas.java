package org.ember.infra.cli.rules;

import java.nio.file.Path;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import org.ember.infra.cli.DeploymentOption;
import org.ember.infra.cli.UserError;
import org.ember.jobs.DeploymentJobs;
import org.ember.rules.areas.CatalogueAreas;

/** The deployment's areas, for checking the codes rule files name. */
final class DeploymentAreas {
    private DeploymentAreas() {}

    /**
     * The areas of the deployment ({@code --deployment}, else $EMBER_DEPLOYMENT, else the default one).
     *
     * @param explicit {@code --data-dir}, or null for $EMBER_DATA_DIR or ../shared/data
     * @param required whether a missing data directory is an error (else null is returned)
     */
    static CatalogueAreas load(DeploymentOption deployment, Path explicit, boolean required) {
        Path data = EmberPaths.dataDir(explicit, System.getenv());
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            if (required || explicit != null) {
                throw new UserError(problem);
            }
            return null;
        }
        Deployment d = deployment.load(explicit);
        return DeploymentJobs.areas(d);
    }
}
