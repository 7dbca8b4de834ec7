package org.ember.geo.risk;

import java.util.List;

/**
 * The risk an area carries at one time, by kind, with the signals behind it.
 *
 * @param nearRepeat    from serious incidents in or near the area
 * @param rivalry       carried from serious incidents in rival areas
 * @param intel         community-tension reports (may be negative)
 * @param navigator     navigator risk assessments and safeguarding referrals
 * @param contributions every signal that contributes, largest first
 */
public record AreaRisk(double nearRepeat, double rivalry, double intel, double navigator,
        List<RiskContribution> contributions) {
    public AreaRisk {
        contributions = List.copyOf(contributions);
    }

    /** One signal's part of an area's risk. */
    public record RiskContribution(String signalId, String kind, double value, String detail, String incident) {}

    /** Contributions of one kind. */
    public List<RiskContribution> of(String kind) {
        return contributions.stream().filter(c -> c.kind().equals(kind)).toList();
    }
}
