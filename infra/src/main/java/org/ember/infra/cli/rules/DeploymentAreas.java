package org.ember.infra.cli.rules;

import java.nio.file.Path;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.Coverage;
import org.ember.infra.EmberPaths;
import org.ember.infra.cli.UserError;
import org.ember.rules.areas.CatalogueAreas;

/** The deployment's areas from the shared data directory, for checking the codes rule files name. */
final class DeploymentAreas {
    private DeploymentAreas() {}

    /**
     * The areas of the default coverage (South Wales and Gwent).
     *
     * @param explicit {@code --data-dir}, or null for $EMBER_DATA_DIR or ../shared/data
     * @param required whether a missing directory is an error (else null is returned)
     */
    static CatalogueAreas load(Path explicit, boolean required) {
        Path data = EmberPaths.dataDir(explicit, System.getenv());
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            if (required || explicit != null) {
                throw new UserError(problem);
            }
            return null;
        }
        return new CatalogueAreas(AreaCatalogue.load(data, Coverage.southWalesAndGwent()));
    }
}
