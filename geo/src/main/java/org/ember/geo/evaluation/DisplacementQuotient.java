package org.ember.geo.evaluation;

/**
 * The weighted displacement quotient of Bowers and Johnson (2003), "Measuring the geographical
 * displacement and diffusion of benefit effects of crime prevention activity", J. Quantitative
 * Criminology 19(3): counts in the target area R, a surrounding buffer B and a control area C,
 * before (b) and after (a) the intervention:
 * <pre>
 *   success measure       SM  = R_a/C_a − R_b/C_b          (negative: the target improved against control)
 *   displacement measure  DM  = B_a/C_a − B_b/C_b          (positive: the buffer got worse against control)
 *   WDQ                       = DM / SM
 *   total net effect      TNE = [R_b·C_a/C_b − R_a] + [B_b·C_a/C_b − B_a]   (offences, positive = fewer)
 * </pre>
 * WDQ is interpreted only when SM &lt; 0: above 0 benefits spread into the buffer (diffusion), below 0
 * offences moved there (displacement), below −1 the displacement outweighs the direct effect, above
 * 1 the diffusion exceeds it.
 */
public record DisplacementQuotient(
        double targetBefore, double targetAfter, double bufferBefore, double bufferAfter, double controlBefore, double controlAfter) {

    /** Below this many offences in the buffer before and after together, the quotient says little. */
    public static final double SMALL_BUFFER = 10;

    public enum Reading {
        NO_SUCCESS_IN_TARGET("the target area did not improve against its control: the quotient is not interpreted"),
        DISPLACEMENT_EXCEEDS_EFFECT("more offences moved into the buffer than were prevented in the target"),
        DISPLACEMENT("some offences moved into the buffer, fewer than were prevented"),
        NEUTRAL("no change in the buffer against the control"),
        DIFFUSION("the buffer improved too (diffusion of benefit)"),
        DIFFUSION_EXCEEDS_EFFECT("the buffer improved more than the target (diffusion of benefit)"),
        TOO_FEW("too few offences in the buffer or control to say: no evidence either way");

        public final String text;

        Reading(String text) {
            this.text = text;
        }
    }

    public DisplacementQuotient {
        if (controlBefore <= 0 || controlAfter <= 0) {
            throw new IllegalArgumentException("the control area needs offences before and after");
        }
    }

    public double successMeasure() {
        return targetAfter / controlAfter - targetBefore / controlBefore;
    }

    public double displacementMeasure() {
        return bufferAfter / controlAfter - bufferBefore / controlBefore;
    }

    /** DM/SM; NaN when the target did not improve (SM ≥ 0). */
    public double wdq() {
        double sm = successMeasure();
        return sm < 0 ? displacementMeasure() / sm : Double.NaN;
    }

    public double totalNetEffect() {
        double ratio = controlAfter / controlBefore;
        return (targetBefore * ratio - targetAfter) + (bufferBefore * ratio - bufferAfter);
    }

    public Reading reading() {
        if (bufferBefore + bufferAfter < SMALL_BUFFER || controlBefore + controlAfter < SMALL_BUFFER) {
            return Reading.TOO_FEW;
        }
        double q = wdq();
        if (Double.isNaN(q)) {
            return Reading.NO_SUCCESS_IN_TARGET;
        }
        if (q < -1) {
            return Reading.DISPLACEMENT_EXCEEDS_EFFECT;
        }
        if (q > 1) {
            return Reading.DIFFUSION_EXCEEDS_EFFECT;
        }
        if (Math.abs(q) < 1e-9) {
            return Reading.NEUTRAL;
        }
        return q < 0 ? Reading.DISPLACEMENT : Reading.DIFFUSION;
    }
}
