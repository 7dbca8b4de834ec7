package org.ember.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.geo.forecast.EventSeries;
import org.ember.geo.forecast.ForecastMethod;
import org.ember.geo.forecast.ForecastWindow;
import org.ember.geo.forecast.NaiveCounts;
import org.ember.geo.forecast.Periods;
import org.ember.geo.forecast.StudyRegion;
import org.ember.geo.forecast.TimeWeightedKde;
import org.ember.model.Incident;
import org.ember.model.forecast.ForecastRanking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpokeForecastFunctionHarnessTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String CARDIFF = "W06000015";

    private KeyedOneInputStreamOperatorTestHarness<String, Incident, ForecastRanking> harness;

    private void open(String method, int trainingDays) throws Exception {
        ForecastSettings settings = new ForecastSettings(Map.of(CARDIFF, "cardiff"), method, 150, 7, trainingDays, 20,
                300, 90, "Europe/London");
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new SpokeForecastFunction(settings),
                new ForecastStage.SpokeOf(settings), Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static long at(LocalDateTime local) {
        return local.atZone(LONDON).toInstant().toEpochMilli();
    }

    private static Incident incident(String id, LocalDateTime local, double e, double n) {
        long t = at(local);
        return new Incident("police", id, 1, false, t, t, "violence", false, null, -3.18, 51.48, e, n, true, "W01001694",
                CARDIFF, "250m:1276:705", null, "", 0L);
    }

    /** Clustered events around three centres of Cardiff over 40 days, with local wall-clock times. */
    private static List<Incident> month() {
        Random random = new Random(16);
        double[][] centres = {{318_200, 176_400}, {319_900, 175_100}, {316_800, 178_300}};
        List<Incident> events = new ArrayList<>();
        LocalDateTime start = LocalDateTime.parse("2025-03-01T00:00");
        for (int i = 0; i < 120; i++) {
            double[] c = centres[i % 3 == 2 && random.nextBoolean() ? 0 : i % 3];
            LocalDateTime when = start.plusMinutes((long) (random.nextDouble() * 40 * 24 * 60));
            events.add(incident("R" + i, when, c[0] + random.nextGaussian() * 250, c[1] + random.nextGaussian() * 250));
        }
        events.sort(Comparator.comparingLong(Incident::eventTime));
        return events;
    }

    /** What {@code ember forecast --at DAY --periods all --region hull} ranks from a file holding these events. */
    private static List<double[]> reference(List<Incident> events, LocalDate day, ForecastMethod method, int trainingDays) {
        double origin = day.toEpochDay();
        List<Incident> training = events.stream()
                .filter(i -> days(i) < origin && days(i) >= origin - trainingDays).toList();
        double[] x = training.stream().mapToDouble(Incident::easting).toArray();
        double[] y = training.stream().mapToDouble(Incident::northing).toArray();
        double[] t = training.stream().mapToDouble(SpokeForecastFunctionHarnessTest::days).toArray();
        EventSeries series = new EventSeries(x, y, t, false);
        StudyRegion region = StudyRegion.convexHull(series, 150);
        double[] expected = method.forecast(series, region, new ForecastWindow(origin, origin + 7, trainingDays, Periods.ALL))[0];
        return IntStream.range(0, region.size()).filter(c -> expected[c] > 0).boxed()
                .sorted((a, b) -> Double.compare(expected[b], expected[a]) != 0 ? Double.compare(expected[b], expected[a])
                        : Integer.compare(a, b))
                .limit(20)
                .map(c -> new double[] {region.column(c), region.row(c), expected[c]})
                .toList();
    }

    /** Local wall-clock days since 1970, computed the way {@code ember forecast}'s xyt reader does (from the local date-time). */
    private static double days(Incident incident) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(incident.eventTime()), LONDON);
        return local.toLocalDate().toEpochDay() + local.toLocalTime().toNanoOfDay() / 86_400e9;
    }

    private static void assertSameRanking(ForecastRanking ranking, List<double[]> expected) {
        assertThat(ranking.cells()).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            ForecastRanking.RankedCell cell = ranking.cells().get(k);
            double[] want = expected.get(k);
            assertThat(cell.rank()).isEqualTo(k + 1);
            assertThat(cell.cell()).isEqualTo("150m:" + (long) want[0] + ":" + (long) want[1]);
            assertThat(cell.expected()).isCloseTo(want[2], within(1e-12));
        }
    }

    @Test
    void theRankingOfEachNewDayEqualsEmberForecastOnTheSameEvents() throws Exception {
        open("kde", 365);
        List<Incident> events = month();
        LocalDate firstDay = LocalDate.parse("2025-03-01");
        // Watermark one hour behind each record: a day begins for the stream once the watermark enters it.
        List<ForecastRanking> seen = new ArrayList<>();
        for (Incident incident : events) {
            harness.processWatermark(incident.eventTime() - 3_600_000L);
            harness.processElement(incident, incident.eventTime());
        }
        seen.addAll(harness.extractOutputValues());
        assertThat(seen).as("one ranking per day the stream saw begin, a few days have no record").hasSizeGreaterThan(30);
        assertThat(seen).extracting(ForecastRanking::issuedDay).doesNotHaveDuplicates().isSorted();
        for (ForecastRanking ranking : seen) {
            LocalDate day = LocalDate.parse(ranking.issuedDay());
            assertThat(day).isAfterOrEqualTo(firstDay);
            assertThat(ranking.spoke()).isEqualTo("cardiff");
            assertThat(ranking.origin()).isEqualTo(at(day.atStartOfDay()));
            assertThat(ranking.method()).isEqualTo("kde");
            // The stream's look-back holds the events that arrived before the ranking, all earlier than the day.
            assertSameRanking(ranking, reference(events, day, new TimeWeightedKde(300, 90), 365));
        }
        // The last ranking also agrees on its event count with the file the CLI would read.
        ForecastRanking last = seen.get(seen.size() - 1);
        long before = events.stream().filter(i -> days(i) < LocalDate.parse(last.issuedDay()).toEpochDay()).count();
        assertThat(last.events()).isEqualTo(before);
        assertThat(harness.numEventTimeTimers()).as("one expiry timer for the spoke, not one per day").isEqualTo(1);
    }

    @Test
    void naiveRankingsForgetEventsOutsideTheWindowAndTheStateIsClearedWhenNoneAreLeft() throws Exception {
        open("naive", 7);
        List<Incident> events = month();
        for (Incident incident : events) {
            harness.processWatermark(incident.eventTime() - 3_600_000L);
            harness.processElement(incident, incident.eventTime());
        }
        List<ForecastRanking> seen = harness.extractOutputValues();
        ForecastRanking last = seen.get(seen.size() - 1);
        LocalDate day = LocalDate.parse(last.issuedDay());
        assertSameRanking(last, reference(events, day, new NaiveCounts(0), 7));
        long inWindow = events.stream()
                .filter(i -> days(i) < day.toEpochDay() && days(i) >= day.toEpochDay() - 7).count();
        assertThat(last.events()).as("only the 7 training days").isEqualTo(inWindow);
        assertThat(harness.numKeyedStateEntries()).as("look-back, last day issued, expiry").isEqualTo(3);

        // Quiet: the newest event leaves the 7-day window; the state and the timer go with it.
        Incident newest = events.get(events.size() - 1);
        LocalDate newestDay = LocalDateTime.ofInstant(Instant.ofEpochMilli(newest.eventTime()), LONDON).toLocalDate();
        harness.processWatermark(at(newestDay.plusDays(8).atStartOfDay()) - 1);
        assertThat(harness.numKeyedStateEntries()).as("still inside the window").isEqualTo(3);
        harness.processWatermark(at(newestDay.plusDays(8).atStartOfDay()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).as("clearing publishes nothing").hasSize(seen.size());

        // A spoke that starts again issues afresh, from its new events only.
        Incident again = incident("N1", newestDay.plusDays(20).atTime(12, 0), 318_200, 176_400);
        harness.processElement(again, again.eventTime());
        harness.processWatermark(at(newestDay.plusDays(21).atTime(1, 0)));
        Incident next = incident("N2", newestDay.plusDays(21).atTime(2, 0), 318_300, 176_400);
        harness.processElement(next, next.eventTime());
        ForecastRanking fresh = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(fresh.issuedDay()).isEqualTo(newestDay.plusDays(21).toString());
        assertThat(fresh.events()).isEqualTo(1);
        assertThat(fresh.cells()).singleElement().satisfies(c -> assertThat(c.expected()).isCloseTo(1.0, within(1e-12)));
    }
}
