package org.ember.geo.density;

/**
 * The quartic (biweight) kernel of Silverman (1986, eq. 4.5), the kernel of ArcGIS Kernel Density:
 * K(d) = 3/(π h²) · (1 − d²/h²)² for d &lt; h and 0 beyond. It integrates to 1 over the plane, so a
 * sum of kernels over n events is a density of events per square unit that integrates to n.
 */
public final class QuarticKernel {
    private QuarticKernel() {}

    /** K at squared distance d² for bandwidth h. */
    public static double atSquaredDistance(double d2, double h) {
        double h2 = h * h;
        if (d2 >= h2) {
            return 0.0;
        }
        double u = 1.0 - d2 / h2;
        return 3.0 / (Math.PI * h2) * u * u;
    }

    /** K at distance d for bandwidth h. */
    public static double at(double d, double h) {
        return atSquaredDistance(d * d, h);
    }
}
