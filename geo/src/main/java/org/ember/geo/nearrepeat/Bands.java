package org.ember.geo.nearrepeat;

import java.util.ArrayList;
import java.util.List;

/**
 * Distance or time bands given by increasing edges e0 &lt; e1 &lt; … &lt; ek, in the manner of the
 * Near Repeat Calculator ("0 to 100, 101 to 200, …", which with real-valued distances needs a rule
 * at the edges). Here:
 * <ul>
 *   <li>band 0 is [e0, e1]: both ends inclusive;</li>
 *   <li>band m (1 ≤ m &lt; k) is (e_m, e_(m+1)]: lower end exclusive, upper end inclusive;</li>
 *   <li>band k is (ek, ∞): "more than ek", NRC's last row/column;</li>
 *   <li>values below e0 (only if e0 &gt; 0) belong to no band and are left out of the table.</li>
 * </ul>
 * So a pair exactly 100 m apart with edges 0,100,200 falls in [0-100], as NRC's "0 to 100" does
 * with whole metres. A single edge list {0, D} gives the two Knox classes "close" [0-D] and
 * "not close" &gt;D.
 */
public final class Bands {
    private final double[] edges;

    private Bands(double[] edges) {
        this.edges = edges;
    }

    public static Bands of(double... edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("bands need at least two edges, got " + edges.length);
        }
        for (int k = 0; k < edges.length; k++) {
            if (!Double.isFinite(edges[k]) || edges[k] < 0) {
                throw new IllegalArgumentException("band edges must be finite and non-negative, got " + edges[k]);
            }
            if (k > 0 && !(edges[k] > edges[k - 1])) {
                throw new IllegalArgumentException("band edges must increase strictly, got " + edges[k - 1]
                        + " then " + edges[k]);
            }
        }
        return new Bands(edges.clone());
    }

    /** Number of bands, the open-ended last band included. */
    public int count() {
        return edges.length;
    }

    /** Index of the last closed band's upper edge (the largest finite edge). */
    public double lastEdge() {
        return edges[edges.length - 1];
    }

    public double edge(int k) {
        return edges[k];
    }

    /** Band of value v, or −1 below the first edge. */
    public int bandOf(double v) {
        if (v < edges[0]) {
            return -1;
        }
        for (int m = 1; m < edges.length; m++) {
            if (v <= edges[m]) {
                return m - 1;
            }
        }
        return edges.length - 1;
    }

    /**
     * Interval notation without a comma, so labels sit in a CSV field unquoted: "[0-100]",
     * "(100-200]", "&gt;200" (edges are never negative, so the dash is unambiguous).
     */
    public String label(int band) {
        if (band == edges.length - 1) {
            return ">" + format(edges[band]);
        }
        return (band == 0 ? "[" : "(") + format(edges[band]) + "-" + format(edges[band + 1]) + "]";
    }

    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < count(); b++) {
            labels.add(label(b));
        }
        return labels;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
