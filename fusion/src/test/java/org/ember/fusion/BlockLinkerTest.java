package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.area.Placement;
import org.ember.geo.linkage.FiledReport;
import org.ember.geo.linkage.GroupChange;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkageSettings;
import org.ember.geo.linkage.MemoryLinkBook;
import org.ember.geo.linkage.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linkage split into grid blocks gives what one linker over everything gives: a report on either
 * side of the Cardiff / Vale of Glamorgan boundary at Culverhouse Cross meets its partner, and every
 * linked incident is published by exactly one block.
 */
class BlockLinkerTest {
    private static final String CARDIFF = "W06000015";
    private static final String VALE = "W06000014";
    /** A small Cardiff LSOA at Culverhouse Cross whose edge runs along the boundary with the Vale. */
    private static final String CARDIFF_LSOA = "W01001703";
    private static final long T = FusionFixtures.FRIDAY_22H.toEpochMilli();
    private static final LinkageSettings SETTINGS = LinkageSettings.defaults();

    private static final LinkageSettings SIX_HOURS = new LinkageSettings(SETTINGS.windows(), SETTINGS.minConfidence(),
            java.time.Duration.ofHours(6), SETTINGS.sameLsoaScore(), SETTINGS.sameLadScore(), SETTINGS.adjacentMetres(),
            SETTINGS.adjacentScore());
    private static final Map<Double, LinkageBlocks> BLOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private static BlockLinker linker(LinkageSettings settings, double blockMetres) {
        return new BlockLinker(new IncidentLinker(settings, FusionFixtures.SHAPES.proximity()), BLOCKS.computeIfAbsent(
                blockMetres, m -> new LinkageBlocks(FusionFixtures.PLACER.catalogue(), SETTINGS, m)));
    }

    private static Report point(String feed, String id, long time, double lon, double lat, String age) {
        Placement p = FusionFixtures.place(lon, lat);
        return new Report(feed + ":" + id, feed, id, 1, false, time, p.easting(), p.northing(), p.lon(), p.lat(), true,
                p.lsoa(), p.lad(), p.cell(), "violence", true, age, feed);
    }

    private static Report area(String feed, String id, long time, String lsoa, String age) {
        Placement p = FusionFixtures.PLACER.placeLsoa(lsoa).placement();
        return new Report(feed + ":" + id, feed, id, 1, false, time, p.easting(), p.northing(), p.lon(), p.lat(), false,
                p.lsoa(), p.lad(), null, "violence", true, age, feed);
    }

    /** Blocks as the stream job runs them: one book and one set of owned ids per block. */
    private static final class Blocks {
        final BlockLinker linker;
        final Map<String, MemoryLinkBook> books = new HashMap<>();
        final Map<String, TreeSet<String>> owned = new HashMap<>();
        /** Per block, no later than the earliest expiry of a report in it (the job's linkage-next-expiry). */
        final Map<String, Long> from = new HashMap<>();
        /** Published changes per incident id, with the block that published each. */
        final Map<String, List<String>> published = new TreeMap<>();
        final Map<String, TreeSet<String>> publishers = new TreeMap<>();

        Blocks(BlockLinker linker) {
            this.linker = linker;
        }

        void apply(Report r) {
            for (String block : linker.route(r)) {
                MemoryLinkBook book = books.computeIfAbsent(block, b -> new MemoryLinkBook());
                TreeSet<String> ids = owned.computeIfAbsent(block, b -> new TreeSet<>());
                IncidentLinker.Result result = linker.apply(block, r, book, owned(ids));
                if (!result.stale()) {
                    from.merge(block, linker.linker().expiryOf(r), Math::min);
                }
                for (GroupChange c : result.changes()) {
                    published.computeIfAbsent(c.group().id(), k -> new ArrayList<>()).add(describe(c));
                    publishers.computeIfAbsent(c.group().id(), k -> new TreeSet<>()).add(block);
                }
            }
        }

        /** As the job does: each block's pass reads the time buckets from its cursor to {@code now}. */
        void expire(long now) {
            books.forEach((block, book) -> {
                Long first = from.get(block);
                if (first != null && first <= now) {
                    IncidentLinker.Expired expired = linker.expire(first, now, book, owned(owned.get(block)));
                    if (book.reportCount() == 0) {
                        from.remove(block);
                    } else {
                        from.put(block, Math.min(expired.held(), now + 1));
                    }
                }
            });
        }

        int reportCount() {
            return books.values().stream().mapToInt(b -> {
                int n = 0;
                for (FiledReport ignored : b.reports()) {
                    n++;
                }
                return n;
            }).sum();
        }

        int ownedCount() {
            return owned.values().stream().mapToInt(TreeSet::size).sum();
        }
    }

    private static BlockLinker.Owned owned(TreeSet<String> ids) {
        return BlockLinker.Owned.of(ids);
    }

    private static String describe(GroupChange c) {
        return c.group().revision() + " " + c.kind().code() + " "
                + c.members().stream().map(FiledReport::report).map(Report::key).toList();
    }

    @ParameterizedTest(name = "blocks of {0} m")
    @ValueSource(doubles = {250, 4000})
    void aPoliceReportInTheValeAndAnAttendancePlacedByACardiffLsoaAreOneIncident(double blockMetres) {
        Report police = point("police", "CR-VALE", T, -3.2412, 51.4700, null);
        Report ae = area("ae", "AE-CDF", T + 600_000, CARDIFF_LSOA, "15-17");
        assertThat(police.lad()).isEqualTo(VALE);
        assertThat(ae.lad()).isEqualTo(CARDIFF);
        BlockLinker linker = linker(SETTINGS, blockMetres);
        if (blockMetres == 250) {
            assertThat(linker.route(police).get(0)).as("homes in different blocks").isNotEqualTo(linker.route(ae).get(0));
        }

        Blocks blocks = new Blocks(linker);
        blocks.apply(police);
        blocks.apply(ae);

        assertThat(blocks.published).containsOnlyKeys("LI-police:CR-VALE");
        assertThat(blocks.published.get("LI-police:CR-VALE"))
                .containsExactly("1 created [police:CR-VALE]", "2 joined [police:CR-VALE, ae:AE-CDF]");
        assertThat(blocks.publishers.get("LI-police:CR-VALE")).hasSize(1);

        blocks.expire(T + SETTINGS.retention().toMillis() + 3_600_000L);
        assertThat(blocks.ownedCount()).isZero();
    }

    /**
     * Days of dense made-up reports around Culverhouse Cross, most attendances placed only by LSOA,
     * forgotten after six hours: linking them in 4 km blocks (and in 1 km blocks) publishes exactly
     * the changes one linker over all of them publishes, each from one block, and every block's
     * state empties once they are all forgotten.
     */
    @ParameterizedTest(name = "blocks of {0} m")
    @ValueSource(doubles = {1000, 4000})
    void blocksPublishWhatOneLinkerOverEverythingPublishes(double blockMetres) {
        Random random = new Random(7);
        List<String> feeds = List.of("police", "ambulance", "ae");
        List<String> ages = List.of("15-17", "18-24", "25-34");
        List<Report> reports = new ArrayList<>();
        long time = T;
        for (int i = 0; i < 1500; i++) {
            time += (long) (random.nextDouble() * 600_000);
            String feed = feeds.get(random.nextInt(3));
            double lon = -3.2700 + random.nextDouble() * 0.06;
            double lat = 51.4550 + random.nextDouble() * 0.03;
            String age = random.nextBoolean() ? ages.get(random.nextInt(3)) : null;
            Placement p = FusionFixtures.PLACER.placeLonLat(lon, lat).placement();
            if (p == null) {
                continue;
            }
            reports.add(feed.equals("ae") && random.nextInt(3) > 0 ? area(feed, "R" + i, time, p.lsoa(), age)
                    : point(feed, "R" + i, time, lon, lat, age));
        }
        assertThat(reports.stream().map(Report::lad).distinct()).contains(CARDIFF, VALE);

        IncidentLinker one = new IncidentLinker(SIX_HOURS, FusionFixtures.SHAPES.proximity());
        MemoryLinkBook book = new MemoryLinkBook();
        Map<String, List<String>> expected = new TreeMap<>();
        Blocks blocks = new Blocks(linker(SIX_HOURS, blockMetres));
        long hour = 3_600_000L;
        long clock = T;
        for (Report r : reports) {
            while (r.time() >= clock + hour) {
                clock += hour;
                one.expire(clock, book);
                blocks.expire(clock);
            }
            for (GroupChange c : one.apply(r, book).changes()) {
                expected.computeIfAbsent(c.group().id(), k -> new ArrayList<>()).add(describe(c));
            }
            blocks.apply(r);
        }

        long linked = expected.values().stream().filter(l -> l.stream().anyMatch(s -> s.contains("joined"))).count();
        assertThat(linked).as("enough links to mean something").isGreaterThan(20);
        Map<String, String> differences = new TreeMap<>();
        for (String id : new TreeSet<>(java.util.stream.Stream.concat(expected.keySet().stream(),
                blocks.published.keySet().stream()).toList())) {
            if (!java.util.Objects.equals(expected.get(id), blocks.published.get(id))) {
                differences.put(id, "one linker " + expected.get(id) + ", blocks " + blocks.published.get(id));
            }
        }
        assertThat(differences).isEmpty();
        assertThat(blocks.publishers.values()).allSatisfy(p -> assertThat(p).hasSize(1));

        blocks.expire(clock + 7 * hour);
        assertThat(blocks.reportCount()).isZero();
        assertThat(blocks.ownedCount()).isZero();
    }
}
