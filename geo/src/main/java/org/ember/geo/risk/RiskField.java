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

    /**
     * The risk of {@code area} from fixed signals at any time, as {@link #evaluate} computes it (the
     * same products and sums in the same order, so the same doubles) but without its contributions:
     * for looking ahead at many times. Each signal's place and strength is resolved once.
     */
    public Terms terms(AreaShape area, List<RiskSignal> signals) {
        int n = signals.size();
        int[] kind = new int[n];
        double[] coefficient = new double[n];
        long[] time = new long[n];
        long[] span = new long[n];
        for (int i = 0; i < n; i++) {
            RiskSignal s = signals.get(i);
            time[i] = s.time();
            switch (s.kind()) {
                case RiskSignal.NEAR_REPEAT -> {
                    boolean inside = "lad".equals(area.layer()) ? area.code().equals(s.lad()) : area.code().equals(s.area());
                    double distance = inside ? 0 : area.distanceFrom(s.x(), s.y());
                    kind[i] = Terms.NEAR_REPEAT;
                    coefficient[i] = s.value() * settings.kernel().spatial(distance);
                    span[i] = settings.kernel().lasts().toMillis();
                }
                case RiskSignal.RIVALRY -> {
                    kind[i] = Terms.RIVALRY;
                    coefficient[i] = names(area, s) ? s.value() : 0;
                    span[i] = settings.kernel().lasts().toMillis();
                }
                case RiskSignal.INTEL -> {
                    kind[i] = Terms.INTEL;
                    coefficient[i] = names(area, s) ? s.value() : 0;
                    span[i] = settings.intelLasts().toMillis();
                }
                case RiskSignal.NAVIGATOR -> {
                    kind[i] = Terms.NAVIGATOR;
                    coefficient[i] = names(area, s) ? s.value() : 0;
                    span[i] = settings.navigatorLasts().toMillis();
                }
                default -> kind[i] = -1;
            }
        }
        return new Terms(kind, coefficient, time, span);
    }

    /** An area's risk from fixed signals as a function of time (see {@link #terms}). */
    public static final class Terms {
        /** Indices into the array {@link #at} fills. */
        public static final int NEAR_REPEAT = 0;
        public static final int RIVALRY = 1;
        public static final int INTEL = 2;
        public static final int NAVIGATOR = 3;
        private final int[] kind;
        private final double[] coefficient;
        private final long[] time;
        private final long[] span;

        private Terms(int[] kind, double[] coefficient, long[] time, long[] span) {
            this.kind = kind;
            this.coefficient = coefficient;
            this.time = time;
            this.span = span;
        }

        /** Near-repeat, rivalry, intelligence and navigator risk at {@code asOf} into {@code out[0..3]}. */
        public void at(long asOf, double[] out) {
            double nearRepeat = 0;
            double rivalry = 0;
            double intel = 0;
            double navigator = 0;
            for (int i = 0; i < kind.length; i++) {
                if (kind[i] < 0) {
                    continue;
                }
                // Decay.linear inlined; a signal that does not name the area has coefficient 0, and its
                // product with a weight in [0, 1] is the 0 that evaluate adds.
                long age = asOf - time[i];
                double value = coefficient[i] * (age < 0 || age >= span[i] ? 0 : 1 - (double) age / span[i]);
                switch (kind[i]) {
                    case NEAR_REPEAT -> nearRepeat += value;
                    case RIVALRY -> rivalry += value;
                    case INTEL -> intel += value;
                    default -> navigator += value;
                }
            }
            out[NEAR_REPEAT] = nearRepeat;
            out[RIVALRY] = rivalry;
            out[INTEL] = intel;
            out[NAVIGATOR] = navigator;
        }
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
