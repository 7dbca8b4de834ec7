package org.ember.fusion;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.risk.RiskSettings;
import org.ember.geo.risk.RiskSignal;
import org.ember.geo.risk.RivalryLink;
import org.ember.geo.risk.Seriousness;
import org.ember.model.fusion.LinkedIncident;

/**
 * Where the near-repeat and retaliation risk of a serious linked incident must go: its own local
 * authority, any other whose LSOAs its near-repeat radius reaches, and those of the areas
 * configured as rivals of its LSOA or local authority. A later change that makes it not serious
 * (corrected, cancelled) sends the same signals inactive, so every holder drops them.
 */
public final class RiskReach {
    private RiskReach() {}

    /** The signals one linked-incident change produces. */
    public static List<FusionSignal> signals(LinkedIncident incident, RiskSettings risk, AreaShapes shapes) {
        Seriousness seriousness = risk.serious().assess(incident.weapon(), incident.responseCategory(),
                incident.penetrating(), incident.ageBand());
        boolean active = !incident.cancelled() && seriousness.serious();
        // A new incident, or one a later report joined, was never serious if it is not now (joining
        // only adds weapons, call-outs and ages): there is nothing to retract.
        if (!active && ("created".equals(incident.change()) || "joined".equals(incident.change()))) {
            return List.of();
        }
        String reasons = String.join(", ", seriousness.reasons());
        String detail = incident.incidentId() + (reasons.isEmpty() ? "" : " (" + reasons.replace('_', ' ') + ")");
        List<FusionSignal> out = new ArrayList<>();
        RiskSignal own = new RiskSignal("nr:" + incident.incidentId(), RiskSignal.NEAR_REPEAT, incident.lsoa(),
                incident.lad(), incident.eventTime(), incident.easting(), incident.northing(), seriousness.weight(), detail,
                incident.incidentId());
        out.add(new FusionSignal(incident.lad(), active, own));
        if (incident.precise()) {
            for (String lad : shapes.ladsWithin(incident.easting(), incident.northing(), risk.kernel().outerMetres())) {
                if (!lad.equals(incident.lad())) {
                    out.add(new FusionSignal(lad, active, own));
                }
            }
        }
        for (String area : incident.lsoa() == null ? List.of(incident.lad()) : List.of(incident.lsoa(), incident.lad())) {
            for (RivalryLink link : risk.rivalriesOf(area)) {
                String rival = link.rivalOf(area);
                String rivalLad = shapes.ladOf(rival);
                if (rivalLad == null) {
                    continue;
                }
                RiskSignal carried = new RiskSignal("rv:" + incident.incidentId() + ">" + rival, RiskSignal.RIVALRY, rival,
                        rivalLad, incident.eventTime(), incident.easting(), incident.northing(),
                        seriousness.weight() * link.share(), "rivalry with " + area + ": " + detail, incident.incidentId());
                out.add(new FusionSignal(rivalLad, active, carried));
            }
        }
        return out;
    }
}
