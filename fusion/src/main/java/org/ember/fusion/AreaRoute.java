package org.ember.fusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ember.model.fusion.LinkedIncident;

/**
 * Where a linked-incident change goes among the local authorities' analytics: to its own authority,
 * as a halo to the authorities owning cells near it ({@link CellOwners#haloOf}), and withdrawn
 * (cancelled) from every authority the previous version reached and this one does not. The last
 * happens when linking moves an incident: an A&amp;E attendance placed by a Cardiff LSOA founds it,
 * then the police point across the boundary joins it and it moves into the Vale of Glamorgan.
 * Without the withdrawal Cardiff would go on counting it.
 */
public final class AreaRoute {
    private final CellOwners owners;

    public AreaRoute(CellOwners owners) {
        this.owners = owners;
    }

    /**
     * @param previous the authorities the incident's previous change went to and still hold it (own first), empty for none
     * @return the deliveries: own authority first, then halos in code order, then withdrawals in code order
     */
    public List<AreaDelivery> route(LinkedIncident incident, List<String> previous) {
        List<AreaDelivery> out = new ArrayList<>();
        Set<String> now = new LinkedHashSet<>();
        now.add(incident.lad());
        out.add(new AreaDelivery(incident.lad(), false, incident));
        if (!incident.cancelled() && incident.cell() != null) {
            for (String lad : owners.haloOf(incident.lad(), incident.cell())) {
                now.add(lad);
                out.add(new AreaDelivery(lad, true, incident));
            }
        }
        LinkedIncident withdrawn = null;
        for (String lad : new java.util.TreeSet<>(previous)) {
            if (!now.contains(lad)) {
                withdrawn = withdrawn != null ? withdrawn : withdrawn(incident);
                out.add(new AreaDelivery(lad, true, withdrawn));
            }
        }
        return out;
    }

    /** The authorities that hold the incident after these deliveries (own first): what to pass as previous next time. */
    public static List<String> holding(List<AreaDelivery> deliveries) {
        List<String> out = new ArrayList<>();
        for (AreaDelivery d : deliveries) {
            if (!d.incident().cancelled()) {
                out.add(d.lad());
            }
        }
        return out;
    }

    static LinkedIncident withdrawn(LinkedIncident i) {
        if (i.cancelled()) {
            return i;
        }
        return new LinkedIncident(i.type(), i.incidentId(), i.revision(), "cancelled", true, i.eventTime(), i.lad(),
                i.lsoa(), i.cell(), i.lon(), i.lat(), i.easting(), i.northing(), i.precise(), i.category(), i.weapon(),
                i.ageBand(), i.responseCategory(), i.penetrating(), 0, i.healthOnly(), i.feeds(), i.sources());
    }
}
