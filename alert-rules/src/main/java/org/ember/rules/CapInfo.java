package org.ember.rules;

import java.io.Serializable;
import java.util.List;

/**
 * The Common Alerting Protocol 1.2 fields of a rule's alerts that the rule's author decides (the
 * CAP severity follows from the rule's severity).
 *
 * @param category  CAP category, e.g. Safety or Security
 * @param urgency   Immediate, Expected, Future, Past or Unknown
 * @param certainty Observed, Likely, Possible, Unlikely or Unknown
 */
public record CapInfo(String category, String urgency, String certainty) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final List<String> CATEGORIES = List.of("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health",
            "Env", "Transport", "Infra", "CBRNE", "Other");
    public static final List<String> URGENCIES = List.of("Immediate", "Expected", "Future", "Past", "Unknown");
    public static final List<String> CERTAINTIES = List.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
}
