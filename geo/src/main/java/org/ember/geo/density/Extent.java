package org.ember.geo.density;

/** An axis-aligned rectangle in projected units (e.g. metres of EPSG:27700). */
public record Extent(double xmin, double ymin, double xmax, double ymax) {
    public Extent {
        if (!(Double.isFinite(xmin) && Double.isFinite(ymin) && Double.isFinite(xmax) && Double.isFinite(ymax))) {
            throw new IllegalArgumentException("extent needs finite bounds");
        }
        if (!(xmax > xmin && ymax > ymin)) {
            throw new IllegalArgumentException("extent needs xmax > xmin and ymax > ymin, got "
                    + xmin + "," + ymin + "," + xmax + "," + ymax);
        }
    }

    public double width() {
        return xmax - xmin;
    }

    public double height() {
        return ymax - ymin;
    }
}
