package org.ember.infra.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ember.model.codec.Json;
import org.ember.model.ingest.FeedParser;
import org.ember.model.privacy.Pseudonymiser;

/**
 * Shared, lazily built test material: the real data directory, the hour-of-week profile derived
 * from it, and one simulated month (January 2025, South Wales + Gwent, default settings), which
 * several test classes inspect from different angles.
 */
final class SimulatorFixtures {
    static final YearMonth JANUARY_2025 = YearMonth.of(2025, 1);
    private static HourOfWeekProfile profile;
    private static SimulatedArea area;
    private static SimulatedMonth january;
    private static SimulatedMonth gwentApril;
    private static SimulatedMonth gwentMarchAndApril;
    private static Map<SimulatedRecord, JsonNode> januaryJson;

    /** One generated month and what the run counted while making it. */
    record SimulatedMonth(SimulationSettings settings, List<SimulatedRecord> records, ReplayCounts counts) {}

    /** Gwent only, for tests that need other months or a second run. */
    static SimulationSettings gwent(YearMonth from, YearMonth to) {
        return SimulationSettings.defaults().withMonths(from, to).withForces(List.of("gwent"));
    }

    private SimulatorFixtures() {}

    static Path dataDir() {
        return Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
    }

    static synchronized HourOfWeekProfile profile() {
        if (profile == null) {
            profile = HourOfWeekProfile.fromChicagoAssaults(dataDir());
        }
        return profile;
    }

    static SimulationSettings oneMonth(YearMonth month) {
        return SimulationSettings.defaults().withMonths(month, month).withForces(List.of("south-wales", "gwent"));
    }

    /** The shipped south-wales-gwent deployment's partners: its LSOAs, A&amp;E sites and ambulance service. */
    static synchronized SimulatedArea area() {
        if (area == null) {
            area = SimulatedArea.of(org.ember.jobs.testing.TestFeeds.southWales());
        }
        return area;
    }

    static FeedSimulator simulator(SimulationSettings settings) {
        return FeedSimulator.create(dataDir(), settings, profile(), area(), false);
    }

    /** January 2025 of South Wales and Gwent with the default settings (generated once per JVM). */
    static synchronized SimulatedMonth january() {
        if (january == null) {
            january = generate(oneMonth(JANUARY_2025));
        }
        return january;
    }

    /** Gwent, April 2025 alone. */
    static synchronized SimulatedMonth gwentApril() {
        if (gwentApril == null) {
            gwentApril = generate(gwent(YearMonth.of(2025, 4), YearMonth.of(2025, 4)));
        }
        return gwentApril;
    }

    /** Gwent, March and April 2025 (a month boundary and a clock change). */
    static synchronized SimulatedMonth gwentMarchAndApril() {
        if (gwentMarchAndApril == null) {
            gwentMarchAndApril = generate(gwent(YearMonth.of(2025, 3), YearMonth.of(2025, 4)));
        }
        return gwentMarchAndApril;
    }

    /** The January records parsed as JSON (malformed ones that are not JSON are absent). */
    static synchronized Map<SimulatedRecord, JsonNode> januaryJson() {
        if (januaryJson == null) {
            Map<SimulatedRecord, JsonNode> parsed = new IdentityHashMap<>();
            for (SimulatedRecord r : january().records()) {
                try {
                    parsed.put(r, Json.mapper().readTree(r.value()));
                } catch (IOException notJson) {
                    // a NOT_JSON record: nothing to parse
                }
            }
            januaryJson = parsed;
        }
        return januaryJson;
    }

    static SimulatedMonth generate(SimulationSettings settings) {
        SimulationRun run = simulator(settings).start();
        List<SimulatedRecord> records = new ArrayList<>();
        run.forEachRemaining(records::add);
        return new SimulatedMonth(settings, List.copyOf(records), run.counts());
    }

    static FeedParser parser() {
        return new FeedParser(Pseudonymiser.withKey("simulator-test-key-0123456789"));
    }
}
