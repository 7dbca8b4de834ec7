package org.ember.geo.risk;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of near-repeat, retaliation and soft-intelligence risk.
 *
 * @param kernel           spread and fading of near-repeat risk around a serious incident
 * @param serious          which incidents are serious and how much risk they raise
 * @param rivalries        areas whose groups are known rivals
 * @param intelLevels      value of a community-tension report by its level (the force's own scale,
 *                         lower case); negative values lower the risk
 * @param intelGradings    multiplier by grading: evidenced, experienced, potential
 * @param intelLasts       how long a tension report counts (fading linearly)
 * @param navigatorSignals value of a navigator event by {@code event_type} or {@code event_type:risk}
 * @param navigatorLasts   how long a navigator event counts
 */
public record RiskSettings(
        NearRepeatKernel kernel,
        SeriousnessRule serious,
        List<RivalryLink> rivalries,
        Map<String, Double> intelLevels,
        Map<String, Double> intelGradings,
        Duration intelLasts,
        Map<String, Double> navigatorSignals,
        Duration navigatorLasts) implements Serializable {

    public RiskSettings {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(serious, "serious");
        rivalries = List.copyOf(rivalries);
        intelLevels = Collections.unmodifiableMap(new LinkedHashMap<>(intelLevels));
        intelGradings = Collections.unmodifiableMap(new LinkedHashMap<>(intelGradings));
        navigatorSignals = Collections.unmodifiableMap(new LinkedHashMap<>(navigatorSignals));
    }

    public static RiskSettings defaults() {
        Map<String, Double> levels = new LinkedHashMap<>();
        levels.put("low", -0.5);
        levels.put("medium", 0.5);
        levels.put("high", 1.0);
        levels.put("critical", 2.0);
        Map<String, Double> gradings = new LinkedHashMap<>();
        gradings.put("evidenced", 1.0);
        gradings.put("experienced", 0.7);
        gradings.put("potential", 0.4);
        Map<String, Double> navigator = new LinkedHashMap<>();
        navigator.put("risk_assessment:high", 1.0);
        navigator.put("risk_assessment:medium", 0.3);
        navigator.put("safeguarding_referral", 1.0);
        return new RiskSettings(NearRepeatKernel.defaults(), SeriousnessRule.defaults(), List.of(), levels, gradings,
                Duration.ofDays(7), navigator, Duration.ofDays(14));
    }

    public RiskSettings withRivalries(List<RivalryLink> links) {
        return new RiskSettings(kernel, serious, links, intelLevels, intelGradings, intelLasts, navigatorSignals,
                navigatorLasts);
    }

    public RiskSettings withKernel(NearRepeatKernel newKernel) {
        return new RiskSettings(newKernel, serious, rivalries, intelLevels, intelGradings, intelLasts, navigatorSignals,
                navigatorLasts);
    }

    /** Value of a tension report; 0 when its level or grading is not configured. */
    public double intelValue(String level, String grading) {
        if (level == null || grading == null) {
            return 0;
        }
        return intelLevels.getOrDefault(level.toLowerCase(Locale.ROOT), 0.0)
                * intelGradings.getOrDefault(grading.toLowerCase(Locale.ROOT), 0.0);
    }

    /** Value of a navigator event: {@code type:risk} if configured, else {@code type}, else 0. */
    public double navigatorValue(String eventType, String risk) {
        if (eventType == null) {
            return 0;
        }
        String type = eventType.toLowerCase(Locale.ROOT);
        if (risk != null) {
            Double specific = navigatorSignals.get(type + ":" + risk.toLowerCase(Locale.ROOT));
            if (specific != null) {
                return specific;
            }
        }
        return navigatorSignals.getOrDefault(type, 0.0);
    }

    /** The rivals of an area with the share of risk each receives. */
    public List<RivalryLink> rivalriesOf(String area) {
        List<RivalryLink> out = new ArrayList<>();
        for (RivalryLink link : rivalries) {
            if (link.rivalOf(area) != null) {
                out.add(link);
            }
        }
        return out;
    }

    /** How long a signal of this kind counts. */
    public Duration lasts(String kind) {
        return switch (kind) {
            case RiskSignal.INTEL -> intelLasts;
            case RiskSignal.NAVIGATOR -> navigatorLasts;
            default -> kernel.lasts();
        };
    }
}
