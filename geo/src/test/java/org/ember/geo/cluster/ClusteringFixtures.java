package org.ember.geo.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small factories of space-time events for the clustering tests. */
final class ClusteringFixtures {
    private ClusteringFixtures() {}

    /**
     * Events around a few hot places (so clusters form, merge and split) plus background noise,
     * times increasing with random gaps (days), ids 0, 1, 2, ….
     */
    static List<StPoint> stream(long seed, int n, double side) {
        SplittableRandom random = new SplittableRandom(seed);
        int places = 1 + random.nextInt(4);
        double[][] centres = new double[places][2];
        for (double[] c : centres) {
            c[0] = random.nextDouble() * side;
            c[1] = random.nextDouble() * side;
        }
        List<StPoint> points = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += random.nextDouble() * 0.5;
            double x;
            double y;
            if (random.nextDouble() < 0.7) {
                double[] c = centres[random.nextInt(places)];
                x = c[0] + random.nextGaussian() * side / 15;
                y = c[1] + random.nextGaussian() * side / 15;
            } else {
                x = random.nextDouble() * side;
                y = random.nextDouble() * side;
            }
            // Some events share a place and a time exactly, as police.uk snapped points do.
            if (i > 0 && random.nextDouble() < 0.05) {
                StPoint previous = points.get(random.nextInt(points.size()));
                x = previous.x();
                y = previous.y();
            }
            points.add(new StPoint(i, x, y, t));
        }
        return points;
    }

    /** Plain O(n²) DBSCAN in the R order, the textbook way: reference for the indexed versions. */
    static Clustering bruteForce(List<StPoint> points, SpaceTimeNeighbourhood nb, int minPts) {
        return DensityClusterer.run(points.size(), minPts, i -> {
            List<Integer> found = new ArrayList<>();
            for (int j = 0; j < points.size(); j++) {
                if (nb.contains(points.get(i), points.get(j))) {
                    found.add(j);
                }
            }
            return found.stream().mapToInt(Integer::intValue).toArray();
        });
    }
}
