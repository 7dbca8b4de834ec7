package org.ember.infra.simulator;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.grid.GridCell;
import org.ember.model.Alert;
import org.ember.model.Incident;
import org.ember.model.IncidentCategory;
import org.ember.model.interventions.Dosage;
import org.ember.model.interventions.Intervention;
import org.ember.rules.Fingerprints;
import org.ember.rules.oncall.Acknowledgement;

/**
 * A simulated year for {@code ember evaluate}: violence at real police.uk locations with each
 * month's real volume and spatial pattern, interventions in the busiest 250 m cells, a planted true
 * effect where the scenario says so and a placebo that does nothing, and the alerts and
 * acknowledgements of a simple stand-in rule so that the follow-up table has something to show.
 *
 * <p>Each day's count in a month is Poisson with the month's real daily mean; each offence is at
 * the point of a random police.uk violence record of the year (its point, LSOA and cell), so the
 * map's pattern is real and the same all year, and the seasonality is the real monthly one. An offence in a cell and week
 * of an intervention with a planted effect e (e.g. −0.2) is dropped with probability −e, so the
 * true effect is exactly e in expectation. Same seed, same scenario.
 */
public final class InterventionScenario {
    public static final int CELL_METRES = 250;
    /** The stand-in rule: this many offences in a cell in one day raise an alert. */
    static final int ALERT_THRESHOLD = 5;
    /** A cell alerts again only this many days after its last alert (one episode). */
    static final int ALERT_QUIET_DAYS = 14;

    /** One planted intervention and its true relative effect (0 for the placebo). */
    public record Planted(Intervention intervention, double trueEffect) {}

    /** Everything the scenario made. */
    public record Result(List<Incident> incidents, List<Planted> interventions, List<Alert> alerts, List<Acknowledgement> acks) {}

    /**
     * @param effectCells  cells given the patrol with the planted effect
     * @param placeboCells cells given the placebo intervention
     * @param effect       planted relative effect, e.g. −0.2
     * @param weeks        length of both interventions in weeks
     */
    public record Settings(int year, List<String> forces, long seed, int effectCells, int placeboCells, double effect, int weeks) {
        public static Settings defaults() {
            return new Settings(2025, List.of("south-wales"), 42, 30, 30, -0.2, 4);
        }
    }

    private record Point(double lon, double lat, double x, double y, String lsoa, String cell) {}

    private InterventionScenario() {}

    public static Result generate(Path dataDir, Settings s) {
        PoliceUkFiles files = new PoliceUkFiles(dataDir);
        Map<YearMonth, List<Point>> byMonth = new LinkedHashMap<>();
        Map<Long, ProjectedPoint> projected = new HashMap<>();
        Map<String, Integer> cellTotals = new HashMap<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(s.year(), m);
            List<Point> points = new ArrayList<>();
            for (String force : s.forces()) {
                for (PoliceUkRow r : files.read(force, month)) {
                    if (!PoliceUkRow.VIOLENCE.equals(r.crimeType()) || !r.hasCoordinates() || r.lsoaCode() == null) {
                        continue;
                    }
                    long key = Double.doubleToLongBits(r.longitude()) * 31 + Double.doubleToLongBits(r.latitude());
                    ProjectedPoint p = projected.computeIfAbsent(key, k -> BritishNationalGrid.fromWgs84(r.longitude(), r.latitude()));
                    String cell = GridCell.containing(p.x(), p.y(), CELL_METRES).id();
                    points.add(new Point(r.longitude(), r.latitude(), p.x(), p.y(), r.lsoaCode(), cell));
                    cellTotals.merge(cell, 1, Integer::sum);
                }
            }
            byMonth.put(month, points);
        }
        List<List<String>> groups = pickCells(cellTotals, s.effectCells(), s.placeboCells());
        Instant effectStart = monday(LocalDate.of(s.year(), 6, 30));
        Instant placeboStart = monday(LocalDate.of(s.year(), 9, 1));
        Duration length = Duration.ofDays(7L * s.weeks());
        Intervention patrol = new Intervention("SIM-PATROL-EFFECT", 1, "active", "hotspot_patrol", "south-wales-police", null,
                groups.get(0), effectStart, effectStart.plus(length), new Dosage(60.0 * 7 * s.weeks() * groups.get(0).size(), "patrol_minutes"),
                null);
        Intervention placebo = new Intervention("SIM-PLACEBO", 1, "active", "youth_diversion", "cardiff-youth-service", null,
                groups.get(1), placeboStart, placeboStart.plus(length), new Dosage(40.0 * s.weeks(), "sessions"), null);
        List<Planted> planted = List.of(new Planted(patrol, s.effect()), new Planted(placebo, 0));

        List<Point> points = new ArrayList<>();
        byMonth.values().forEach(points::addAll);
        SplittableRandom random = new SplittableRandom(s.seed());
        List<Incident> incidents = new ArrayList<>();
        int serial = 0;
        for (Map.Entry<YearMonth, List<Point>> e : byMonth.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            YearMonth month = e.getKey();
            double dailyMean = (double) e.getValue().size() / month.lengthOfMonth();
            for (int day = 1; day <= month.lengthOfMonth(); day++) {
                Instant dayStart = month.atDay(day).atStartOfDay().toInstant(ZoneOffset.UTC);
                int n = poisson(random, dailyMean);
                for (int k = 0; k < n; k++) {
                    Point p = points.get(random.nextInt(points.size()));
                    Instant when = dayStart.plusSeconds(random.nextInt(86_400));
                    double drop = 0;
                    for (Planted pl : planted) {
                        Intervention i = pl.intervention();
                        if (pl.trueEffect() < 0 && i.cells().contains(p.cell()) && !when.isBefore(i.start()) && when.isBefore(i.end())) {
                            drop = -pl.trueEffect();
                        }
                    }
                    if (drop > 0 && random.nextDouble() < drop) {
                        continue;
                    }
                    serial++;
                    incidents.add(new Incident("police", "SIM-" + serial, 1, false, when.toEpochMilli(), when.toEpochMilli(),
                            IncidentCategory.VIOLENCE, false, null, p.lon(), p.lat(), p.x(), p.y(), true, p.lsoa(), null, p.cell(), null,
                            "police: simulated violence"));
                }
            }
        }
        incidents.sort(Comparator.comparingLong(Incident::eventTime));
        List<Alert> alerts = new ArrayList<>();
        List<Acknowledgement> acks = new ArrayList<>();
        standInAlerts(incidents, random, alerts, acks);
        return new Result(List.copyOf(incidents), planted, alerts, acks);
    }

    /** The busiest cells, no two adjacent (so no treated cell is in another's ring), dealt alternately. */
    static List<List<String>> pickCells(Map<String, Integer> totals, int a, int b) {
        List<String> ranked = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<GridCell> chosen = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (String id : ranked) {
            if (first.size() >= a && second.size() >= b) {
                break;
            }
            GridCell c = GridCell.parse(id);
            if (chosen.stream().anyMatch(o -> Math.abs(o.column() - c.column()) <= 1 && Math.abs(o.row() - c.row()) <= 1)) {
                continue;
            }
            chosen.add(c);
            if (first.size() < a && (first.size() <= second.size() || second.size() >= b)) {
                first.add(id);
            } else {
                second.add(id);
            }
        }
        return List.of(List.copyOf(first), List.copyOf(second));
    }

    /** A cell with {@link #ALERT_THRESHOLD}+ offences in a day fires, at most once a fortnight; most alerts are acknowledged. */
    private static void standInAlerts(List<Incident> incidents, SplittableRandom random, List<Alert> alerts, List<Acknowledgement> acks) {
        Map<String, Integer> perCellDay = new HashMap<>();
        Map<String, Long> lastAlertDay = new HashMap<>();
        String[] actions = {"hotspot_patrol", "navigator_outreach", "none"};
        for (Incident i : incidents) {
            long day = Math.floorDiv(i.eventTime(), 86_400_000L);
            String key = i.cell() + "|" + day;
            int n = perCellDay.merge(key, 1, Integer::sum);
            if (n != ALERT_THRESHOLD || day - lastAlertDay.getOrDefault(i.cell(), Long.MIN_VALUE / 2) < ALERT_QUIET_DAYS) {
                continue;
            }
            lastAlertDay.put(i.cell(), day);
            String rule = i.cell().hashCode() % 2 == 0 ? "cell_violence_burst" : "cell_violence_burst_night";
            String fp = Fingerprints.of(rule, "cell", i.cell(), i.eventTime());
            alerts.add(new Alert(fp, rule, Alert.FIRING, "warning", "cell", i.cell(), i.cell(), i.lad(), i.eventTime(), i.eventTime(),
                    "count{window=24h,feed=police,category=violence}", ALERT_THRESHOLD, ALERT_THRESHOLD,
                    ALERT_THRESHOLD + " violence reports in a day", Map.of("alertname", rule), Map.of()));
            if (random.nextDouble() < 0.8) {
                long delay = (long) (60_000 * (5 + random.nextDouble() * 240));
                String action = random.nextDouble() < 0.7 ? actions[random.nextInt(actions.length)] : null;
                acks.add(new Acknowledgement(fp, "duty-officer", i.eventTime() + delay, 0, null, action));
            }
        }
    }

    private static Instant monday(LocalDate onOrBefore) {
        return onOrBefore.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static int poisson(SplittableRandom random, double mean) {
        // Normal approximation above 50 (the daily means here are ~100); exact inversion below.
        if (mean > 50) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
