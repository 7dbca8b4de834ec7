package org.ember.fusion;

import org.ember.model.fusion.LinkedIncident;

/**
 * A linked-incident change on its way to one local authority's analytics.
 *
 * @param lad      the authority it goes to
 * @param halo     counted there only in the Gi* of the cells it owns near the boundary ({@link CellOwners})
 * @param incident the change (cancelled when it withdraws the incident from an authority it no longer reaches)
 */
public record AreaDelivery(String lad, boolean halo, LinkedIncident incident) {
    /** An incident for its own authority, as the job delivered it before halos (tests, benchmarks). */
    public static AreaDelivery own(LinkedIncident incident) {
        return new AreaDelivery(incident.lad(), false, incident);
    }
}
