package org.ember.geo.risk;

import java.util.List;

/**
 * How serious an incident is for near-repeat and retaliation risk.
 *
 * @param weight  the risk it raises at its own place and time (0 = not serious enough)
 * @param reasons why, e.g. [weapon, cat1_penetrating, young_victim]
 */
public record Seriousness(double weight, List<String> reasons) {
    public Seriousness {
        reasons = List.copyOf(reasons);
    }

    public static final Seriousness NONE = new Seriousness(0, List.of());

    public boolean serious() {
        return weight > 0;
    }
}
