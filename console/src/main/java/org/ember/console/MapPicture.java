package org.ember.console;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * The map as a picture, drawn on the server with Java2D (no browser, no tile server): every LSOA
 * filled as the viewer may see it, local authority outlines and their names. Used for the PNG
 * export and the PDF brief. Longitude is scaled by cos(latitude) so shapes are not stretched.
 */
final class MapPicture {
    private MapPicture() {}

    static BufferedImage draw(CoveredAreas areas, Function<String, Color> fill, int width, int height) {
        Envelope all = new Envelope();
        for (CoveredAreas.Lsoa lsoa : areas.lsoas()) {
            all.expandToInclude(areas.shape(lsoa.code()).getEnvelopeInternal());
        }
        double k = Math.cos(Math.toRadians(all.centre().y));
        double scale = Math.min((width - 20) / (all.getWidth() * k), (height - 20) / all.getHeight());
        double offsetX = (width - all.getWidth() * k * scale) / 2;
        double offsetY = (height - all.getHeight() * scale) / 2;
        Projection p = new Projection(all.getMinX(), all.getMaxY(), k, scale, offsetX, offsetY);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0xee, 0xf1, 0xf4));
            g.fillRect(0, 0, width, height);
            g.setStroke(new BasicStroke(0.4f));
            for (CoveredAreas.Lsoa lsoa : areas.lsoas()) {
                Path2D path = path(areas.shape(lsoa.code()), p);
                g.setColor(fill.apply(lsoa.code()));
                g.fill(path);
                g.setColor(new Color(0x9a, 0xa3, 0xad));
                g.draw(path);
            }
            Places places = areas.places();
            g.setStroke(new BasicStroke(2.0f));
            g.setColor(new Color(0x1f, 0x2a, 0x36));
            for (Places.Place place : places.all()) {
                g.draw(path(place.outline(), p));
            }
            labels(g, places, p);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Names at each authority's interior point; skipped where the machine has no fonts (the map still draws). */
    private static void labels(Graphics2D g, Places places, Projection p) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            FontMetrics metrics = g.getFontMetrics();
            for (Places.Place place : places.all()) {
                double[] xy = p.apply(place.label().getX(), place.label().getY());
                int w = metrics.stringWidth(place.name());
                int x = (int) xy[0] - w / 2;
                int y = (int) xy[1];
                g.setColor(new Color(255, 255, 255, 210));
                g.fillRoundRect(x - 4, y - metrics.getAscent(), w + 8, metrics.getHeight(), 6, 6);
                g.setColor(new Color(0x1f, 0x2a, 0x36));
                g.drawString(place.name(), x, y);
            }
        } catch (RuntimeException | Error e) { // NOPMD: a headless JVM without fontconfig throws Errors here
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
        }
    }

    private static Path2D path(Geometry geometry, Projection p) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                ring(path, polygon.getExteriorRing().getCoordinates(), p);
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    ring(path, polygon.getInteriorRingN(h).getCoordinates(), p);
                }
            }
        }
        return path;
    }

    private static void ring(Path2D path, Coordinate[] coordinates, Projection p) {
        for (int i = 0; i < coordinates.length; i++) {
            double[] xy = p.apply(coordinates[i].x, coordinates[i].y);
            if (i == 0) {
                path.moveTo(xy[0], xy[1]);
            } else {
                path.lineTo(xy[0], xy[1]);
            }
        }
        path.closePath();
    }

    private record Projection(double minLon, double maxLat, double k, double scale, double offsetX, double offsetY) {
        double[] apply(double lon, double lat) {
            return new double[] {offsetX + (lon - minLon) * k * scale, offsetY + (maxLat - lat) * scale};
        }
    }
}
