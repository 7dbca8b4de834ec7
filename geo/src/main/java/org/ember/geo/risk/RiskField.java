package org.ember.geo.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates the risk of an area from the live signals: near-repeat risk by distance and age
 * through the {@link NearRepeatKernel}; rivalry, intelligence and navigator signals by age only,
 * for the area they name and its local authority.
 */
public final class RiskField {
    private final RiskSettings settings;

    public RiskField(RiskSettings settings) {
        this.settings = settings;
    }

    public AreaRisk evaluate(AreaShape area, Iterable<RiskSignal> signals, long asOf) {
        double nearRepeat = 0;
        double rivalry = 0;
        double intel = 0;
        double navigator = 0;
        List<AreaRisk.RiskContribution> parts = new ArrayList<>();
        for (RiskSignal s : signals) {
            long age = asOf - s.time();
            double value;
            switch (s.kind()) {
                case RiskSignal.NEAR_REPEAT -> {
                    boolean inside = "lad".equals(area.layer()) ? area.code().equals(s.lad()) : area.code().equals(s.area());
                    double distance = inside ? 0 : area.distanceFrom(s.x(), s.y());
                    value = s.value() * settings.kernel().spatial(distance) * settings.kernel().temporal(age);
                    nearRepeat += value;
                }
                case RiskSignal.RIVALRY -> {
                    value = names(area, s) ? s.value() * settings.kernel().temporal(age) : 0;
                    rivalry += value;
                }
                case RiskSignal.INTEL -> {
                    value = names(area, s) ? s.value() * Decay.linear(age, settings.intelLasts()) : 0;
                    intel += value;
                }
                case RiskSignal.NAVIGATOR -> {
                    value = names(area, s) ? s.value() * Decay.linear(age, settings.navigatorLasts()) : 0;
                    navigator += value;
                }
                default -> value = 0;
            }
            if (value != 0) {
                parts.add(new AreaRisk.RiskContribution(s.id(), s.kind(), value, s.detail(), s.incident()));
            }
        }
        parts.sort(Comparator.comparingDouble((AreaRisk.RiskContribution c) -> -Math.abs(c.value()))
                .thenComparing(AreaRisk.RiskContribution::signalId));
        return new AreaRisk(nearRepeat, rivalry, intel, navigator, parts);
    }

    /** Whether a signal placed in an area applies to {@code area}: the area itself or its local authority. */
    private static boolean names(AreaShape area, RiskSignal s) {
        return area.code().equals(s.area()) || "lad".equals(area.layer()) && area.code().equals(s.lad());
    }

    /** Whether a signal still counts at {@code asOf}. */
    public boolean live(RiskSignal s, long asOf) {
        long age = asOf - s.time();
        return age < settings.lasts(s.kind()).toMillis();
    }
}
