package org.ember.jobs.fusion;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.IntelReport;
import org.ember.model.feeds.PoliceIncident;

/**
 * Feeds of the shape and volume the simulator makes (docs/simulator.md), built in the job's own
 * test scope for benchmarks: every replayed police.uk row of South Wales and Gwent as a police
 * record at a random time of its month, with ambulance call-outs, A&E attendances (most placed
 * only by LSOA), assaults only health services saw, corrections, cancellations and tension reports.
 * Simplified (uniform times, fixed shares), seeded, each feed in emit order.
 */
final class SyntheticFeeds {
    private static final List<String> AGES = List.of("15-17", "18-24", "18-24", "25-34", "25-34", "35-44", "45-54");

    private SyntheticFeeds() {}

    /** Records of every feed, each feed sorted by when the partner sends them. */
    static Map<Feed, List<RawFeedRecord>> months(Path dataDir, YearMonth from, YearMonth to, long seed) {
        Random random = new Random(seed);
        Map<Feed, List<Timed>> timed = new EnumMap<>(Feed.class);
        for (Feed f : Feed.values()) {
            timed.put(f, new ArrayList<>());
        }
        int n = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Instant start = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            long span = Duration.between(start, m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
            List<PoliceUkBackground.Row> rows = new ArrayList<>();
            for (String force : List.of("south-wales", "gwent")) {
                rows.addAll(PoliceUkBackground.rows(dataDir, force, m.toString(), r -> true));
            }
            List<PoliceUkBackground.Row> violent = rows.stream()
                    .filter(r -> r.crimeType().equals("Violence and sexual offences") || r.crimeType().equals("Robbery")).toList();
            for (PoliceUkBackground.Row r : rows) {
                Instant at = start.plusSeconds((long) (random.nextDouble() * span));
                String id = "P" + (n++);
                boolean isViolent = r.crimeType().equals("Violence and sexual offences") || r.crimeType().equals("Robbery");
                boolean knife = isViolent && random.nextDouble() < 0.06;
                GeoLocation where = GeoLocation.wgs84(r.lon(), r.lat());
                add(timed, Feed.POLICE, at, new PoliceIncident(id, 1, "active", at, r.crimeType(), null, knife, false, where));
                double fate = random.nextDouble();
                if (fate < 0.08) {
                    Instant later = at.plus(Duration.ofHours(2 + random.nextInt(46)));
                    add(timed, Feed.POLICE, later, new PoliceIncident(id, 2, "active", at, r.crimeType(), "Public order", knife,
                            false, where));
                } else if (fate < 0.10) {
                    Instant later = at.plus(Duration.ofHours(1 + random.nextInt(23)));
                    add(timed, Feed.POLICE, later, new PoliceIncident(id, 2, "cancelled", at, r.crimeType(), null, knife,
                            false, where));
                }
                if (isViolent) {
                    health(timed, random, id, at, r, knife, random.nextDouble() < (knife ? 0.6 : 0.2),
                            random.nextDouble() < (knife ? 0.5 : 0.15));
                }
            }
            int healthOnly = (int) Math.round(0.4 * violent.size());
            for (int i = 0; i < healthOnly && !violent.isEmpty(); i++) {
                PoliceUkBackground.Row r = violent.get(random.nextInt(violent.size()));
                Instant at = start.plusSeconds((long) (random.nextDouble() * span));
                double who = random.nextDouble();
                health(timed, random, "H" + (n++), at, r, random.nextDouble() < 0.06, who < 0.6, who >= 0.3);
            }
            for (long day = 0; day < span / 86_400 && !violent.isEmpty(); day++) {
                for (int k = 0; k < 2; k++) {
                    PoliceUkBackground.Row r = violent.get(random.nextInt(violent.size()));
                    Instant at = start.plusSeconds(day * 86_400 + random.nextInt(86_400));
                    add(timed, Feed.INTEL, at, new IntelReport("IR" + (n++), 1, "active", at,
                            List.of("evidenced", "experienced", "potential").get(random.nextInt(3)),
                            List.of("low", "medium", "high", "critical").get(random.nextInt(4)), "Tension after an incident",
                            GeoLocation.lsoa(r.lsoaCode())));
                }
            }
        }
        Map<Feed, List<RawFeedRecord>> out = new EnumMap<>(Feed.class);
        for (Map.Entry<Feed, List<Timed>> e : timed.entrySet()) {
            e.getValue().sort(Comparator.comparing(Timed::emit));
            out.put(e.getKey(), e.getValue().stream().map(t -> TestFeeds.raw(e.getKey(), t.record())).toList());
        }
        return out;
    }

    private static void health(Map<Feed, List<Timed>> timed, Random random, String id, Instant at,
            PoliceUkBackground.Row r, boolean knife, boolean ambulance, boolean ae) {
        String age = AGES.get(random.nextInt(AGES.size()));
        if (ambulance) {
            Instant call = at.plusSeconds(-600 + random.nextInt(1500));
            double angle = random.nextDouble() * 2 * Math.PI;
            double metres = 49 * Math.sqrt(random.nextDouble());
            GeoLocation moved = GeoLocation.wgs84(r.lon() + metres * Math.cos(angle) / 69_000, r.lat()
                    + metres * Math.sin(angle) / 111_000);
            add(timed, Feed.AMBULANCE, call, new AmbulanceCallout("A-" + id, 1, "active", call, "AMPDS", knife ? "27" : "04",
                    knife ? 1 + random.nextInt(2) : 2 + random.nextInt(2), age, "male", true, moved));
        }
        if (ae) {
            Instant assault = at.plusSeconds(-1200 + random.nextInt(2400));
            double u = random.nextDouble();
            Instant arrival = at.plusSeconds(1800 + (long) (19_800 * u * u));
            if (arrival.isBefore(assault)) {
                arrival = assault.plusSeconds(600);
            }
            GeoLocation where = random.nextDouble() < 0.2 ? GeoLocation.wgs84(r.lon(), r.lat()) : GeoLocation.lsoa(r.lsoaCode());
            add(timed, Feed.AE, arrival, new AeAttendance("E-" + id, 1, "active", arrival, assault,
                    knife ? "knife_sharp" : "body_part", "street", null, "7A4BV", age, where));
        }
    }

    private record Timed(Instant emit, Object record) {}

    private static void add(Map<Feed, List<Timed>> timed, Feed feed, Instant emit, Object record) {
        timed.get(feed).add(new Timed(emit, record));
    }
}
