package org.ember.geo.emerging;

import java.util.List;

/**
 * A space-time cube: L fixed locations (planar coordinates) observed at T equally spaced time
 * steps; value(l, s) is, e.g., the count of incidents at location l in step s. Immutable.
 */
public final class SpaceTimeCube {
    private final List<String> locations;
    private final double[] x;
    private final double[] y;
    private final double[][] values; // [location][step]

    private SpaceTimeCube(List<String> locations, double[] x, double[] y, double[][] values) {
        this.locations = List.copyOf(locations);
        this.x = x.clone();
        this.y = y.clone();
        this.values = new double[values.length][];
        for (int l = 0; l < values.length; l++) {
            this.values[l] = values[l].clone();
        }
    }

    /** values[l][s]; every location needs the same number of steps. */
    public static SpaceTimeCube of(List<String> locations, double[] x, double[] y, double[][] values) {
        int l = locations.size();
        if (x.length != l || y.length != l || values.length != l) {
            throw new IllegalArgumentException("locations, coordinates and values differ in length");
        }
        if (l == 0) {
            throw new IllegalArgumentException("a space-time cube needs at least one location");
        }
        int steps = values[0].length;
        for (int i = 0; i < l; i++) {
            if (values[i].length != steps) {
                throw new IllegalArgumentException("location " + locations.get(i) + " has " + values[i].length
                        + " steps, expected " + steps);
            }
        }
        if (steps == 0) {
            throw new IllegalArgumentException("a space-time cube needs at least one time step");
        }
        return new SpaceTimeCube(locations, x, y, values);
    }

    public int locationCount() {
        return locations.size();
    }

    public int stepCount() {
        return values[0].length;
    }

    public String location(int l) {
        return locations.get(l);
    }

    public double x(int l) {
        return x[l];
    }

    public double y(int l) {
        return y[l];
    }

    public double value(int l, int step) {
        return values[l][step];
    }

    double[] xs() {
        return x.clone();
    }

    double[] ys() {
        return y.clone();
    }
}
