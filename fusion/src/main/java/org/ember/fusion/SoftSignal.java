package org.ember.fusion;

import org.ember.geo.risk.RiskSettings;
import org.ember.geo.risk.RiskSignal;
import org.ember.model.Incident;
import org.ember.model.fusion.ReportTraits;

/**
 * Community-tension reports and navigator events as risk signals of the area they are placed in,
 * valued by configuration ({@link RiskSettings#intelValue}, {@link RiskSettings#navigatorValue}).
 * A cancelled report, or one whose correction is worth nothing, retracts its signal.
 */
public final class SoftSignal {
    private SoftSignal() {}

    /** Whether the report is a soft signal (intelligence or navigator) rather than a linkable report. */
    public static boolean handles(Incident incident) {
        return "intel".equals(incident.feed()) || "navigator".equals(incident.feed());
    }

    public static FusionSignal of(Incident incident, RiskSettings risk) {
        ReportTraits traits = ReportTraits.of(incident.feed(), incident.detail());
        boolean intel = "intel".equals(incident.feed());
        double value = intel ? risk.intelValue(traits.tensionLevel(), traits.grading())
                : risk.navigatorValue(traits.navigatorEvent(), traits.navigatorRisk());
        String detail = intel ? "tension " + traits.tensionLevel() + " (" + traits.grading() + ")"
                : traits.navigatorEvent() + (traits.navigatorRisk() == null ? "" : ", risk " + traits.navigatorRisk());
        String area = incident.lsoa() != null ? incident.lsoa() : incident.lad();
        RiskSignal signal = new RiskSignal(incident.feed() + ":" + incident.sourceId(),
                intel ? RiskSignal.INTEL : RiskSignal.NAVIGATOR, area, incident.lad(), incident.eventTime(),
                incident.easting(), incident.northing(), value, detail, incident.recordKey());
        return new FusionSignal(incident.lad(), !incident.cancelled() && value != 0, signal);
    }
}
