package org.ember.geo.numeric;

import org.ember.geo.math.StandardNormal;

/**
 * The few probability functions the detectors need, written to agree with R's {@code stats} to
 * about 1e-13 so that thresholds reproduce R's {@code surveillance} package.
 *
 * <p>The normal quantile is Wichura's AS 241 (the algorithm R's {@code qnorm} uses). The normal,
 * Poisson, gamma and t distribution functions go through the regularised incomplete gamma and beta
 * functions (series and Lentz continued fractions, Numerical Recipes §6.2 and §6.4). Discrete
 * quantiles follow R's definition: the smallest integer {@code y} with {@code F(y) >= p}, with R's
 * fuzz of {@code 64·DBL_EPSILON} so that a probability that is 1 ulp short of a step still finds it.
 */
public final class Distributions {
    private static final double EPS = 1e-16;
    private static final double FPMIN = 1e-300;
    private static final int MAX_ITER = 100_000;
    /** Beyond this mean a discrete quantile is taken in closed form (see {@code discreteQuantile}). */
    static final double EXACT_MEAN_LIMIT = 1e7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Distributions() {}

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, relative error about 1e-15). */
    public static double logGamma(double x) {
        if (x <= 0) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** Regularised lower incomplete gamma P(a, x). */
    public static double regularizedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x < a + 1) {
            return gammaSeries(a, x);
        }
        return 1 - gammaContinuedFraction(a, x);
    }

    /** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed without cancellation. */
    public static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < a + 1) {
            return 1 - gammaSeries(a, x);
        }
        return gammaContinuedFraction(a, x);
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int n = 0; n < MAX_ITER; n++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double gammaContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / FPMIN;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITER; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = b + an / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** Regularised incomplete beta I_x(a, b). */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(logFront) * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(logFront) * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < FPMIN) {
            d = FPMIN;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITER; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    /** Standard normal distribution function Φ(x) (one implementation for all of geo: {@link StandardNormal}). */
    public static double normalCdf(double x) {
        return StandardNormal.cdf(x);
    }

    /** Upper tail 1 − Φ(x), accurate in the far tail. */
    public static double normalUpperTail(double x) {
        return StandardNormal.upperTail(x);
    }

    /** Normal distribution function with mean and standard deviation. */
    public static double normalCdf(double x, double mean, double sd) {
        return normalCdf((x - mean) / sd);
    }

    /** Standard normal quantile Φ⁻¹(p), Wichura's AS 241 (PPND16), as in R's {@code qnorm}. */
    public static double normalQuantile(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                                                    + 45921.953931549871457) * r + 13731.693765509461125) * r
                                    + 1971.5909503065514427) * r + 133.14166789178437745) * r
                            + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                                                    + 21213.794301586595867) * r + 5394.1960214247511077) * r
                                    + 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
        }
        double r = q < 0 ? p : 1 - p;
        r = Math.sqrt(-Math.log(r));
        double val;
        if (r <= 5) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                                                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r
                                    + 5.7694972214606914055) * r + 4.6303378461565452959) * r
                            + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                                                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r
                                    + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                                                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r
                                    + 1.7848265399172913358) * r + 5.4637849111641143699) * r
                            + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                                                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
                                    + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
    }

    /** Student t distribution function with {@code df} degrees of freedom. */
    public static double studentTCdf(double t, double df) {
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** Two-sided p-value of a t statistic, as {@code 2 * pt(-|t|, df)} in R. */
    public static double studentTTwoSidedP(double t, double df) {
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** P(X ≤ k) for X ~ Poisson(λ). */
    public static double poissonCdf(long k, double lambda) {
        if (k < 0) {
            return 0;
        }
        if (lambda <= 0) {
            return 1;
        }
        return regularizedGammaQ(k + 1.0, lambda);
    }

    /** P(X ≥ k) for X ~ Poisson(λ), without cancellation. */
    public static double poissonUpperTail(long k, double lambda) {
        if (k <= 0) {
            return 1;
        }
        if (lambda <= 0) {
            return 0;
        }
        return regularizedGammaP(k, lambda);
    }

    /**
     * P(X ≤ k) for the negative binomial with R's (size, prob) parametrisation: mean
     * size·(1−prob)/prob.
     */
    public static double negativeBinomialCdf(long k, double size, double prob) {
        if (k < 0) {
            return 0;
        }
        if (!(size > 0) || prob >= 1) {
            return 1;
        }
        return regularizedBeta(prob, size, k + 1.0);
    }

    /** P(X ≥ k) for the negative binomial (size, prob). */
    public static double negativeBinomialUpperTail(long k, double size, double prob) {
        if (k <= 0) {
            return 1;
        }
        if (!(size > 0) || prob >= 1) {
            return 0;
        }
        return regularizedBeta(1 - prob, k, size);
    }

    /** R's {@code qpois(p, lambda)}: smallest y with P(X ≤ y) ≥ p. */
    public static long poissonQuantile(double p, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double sd = Math.sqrt(lambda);
        return discreteQuantile(p, lambda, sd, 1 / sd, y -> poissonCdf(y, lambda));
    }

    /** R's {@code qnbinom(p, size, prob)}: smallest y with P(X ≤ y) ≥ p. */
    public static long negativeBinomialQuantile(double p, double size, double prob) {
        if (!(size > 0) || prob >= 1) {
            return 0; // the limit of a vanishing size (mean → 0) or a certain success: all mass at 0
        }
        double mean = size * (1 - prob) / prob;
        double sd = Math.sqrt(mean / prob);
        double skew = (2 - prob) / Math.sqrt(size * (1 - prob));
        return discreteQuantile(p, mean, sd, skew, y -> negativeBinomialCdf(y, size, prob));
    }

    private interface Cdf {
        double at(long y);
    }

    /**
     * Smallest {@code y >= 0} with {@code cdf(y) >= p}, by bisection: at most about 200 evaluations
     * of the distribution function whatever the mean (a search that stepped one value at a time from
     * a poor starting guess once spun for hours on an extreme mean and stopped the job). Means beyond
     * {@link #EXACT_MEAN_LIMIT} take the Cornish–Fisher closed form with the skewness correction,
     * because the incomplete gamma and beta functions would hit their iteration cap there anyway.
     */
    private static long discreteQuantile(double p, double mean, double sd, double skew, Cdf cdf) {
        if (!(p > 0)) {
            return 0;
        }
        // An undefined or infinite mean gives an upper bound nothing can exceed: garbage never alerts.
        if (p >= 1 || !(mean < Double.POSITIVE_INFINITY) || !(sd < Double.POSITIVE_INFINITY)) {
            return Long.MAX_VALUE;
        }
        double z = normalQuantile(p);
        if (mean > EXACT_MEAN_LIMIT) {
            double w = Double.isFinite(skew) ? z + (z * z - 1) * skew / 6 : z;
            return saturatedLong(Math.ceil(mean + sd * w - 0.5));
        }
        double target = p * (1 - 64 * Math.ulp(1.0));
        long guess = Math.max(0, saturatedLong(Math.floor(mean + sd * z)));
        long step = Math.max(1, saturatedLong(Math.ceil(sd)));
        // Invariant once bracketed: cdf(lo) < target <= cdf(hi), with lo = -1 standing for "below 0".
        long lo;
        long hi;
        if (atLeast(cdf, guess, target)) {
            hi = guess;
            lo = guess - step;
            while (lo >= 0 && atLeast(cdf, lo, target)) {
                hi = lo;
                step = Math.min(step * 2, Long.MAX_VALUE / 4);
                lo -= step;
            }
            lo = Math.max(lo, -1);
        } else {
            lo = guess;
            hi = guess + step;
            while (!atLeast(cdf, hi, target)) {
                if (hi >= Long.MAX_VALUE / 2) {
                    return Long.MAX_VALUE;
                }
                lo = hi;
                step = Math.min(step * 2, Long.MAX_VALUE / 4);
                hi += step;
            }
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (atLeast(cdf, mid, target)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** A distribution function that answers NaN counts as reached, so every search still ends. */
    private static boolean atLeast(Cdf cdf, long y, double target) {
        double f = cdf.at(y);
        return !(f < target);
    }

    private static long saturatedLong(double x) {
        if (Double.isNaN(x) || x <= 0) {
            return 0;
        }
        return x >= 0x1p62 ? Long.MAX_VALUE / 2 : (long) x;
    }
}
