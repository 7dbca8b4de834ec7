package org.ember.jobs.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.ember.geo.area.Coverage;
import org.ember.jobs.JobSettings;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.NavigatorEvent;
import org.ember.model.feeds.PoliceIncident;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;

/** Readable feed records for tests: named places and times, and factories per feed. */
public final class TestFeeds {
    /** A Friday night in Cardiff city centre, and the morning after. */
    public static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    public static final Instant FRIDAY_23H = Instant.parse("2025-03-14T23:00:00Z");
    public static final Instant SATURDAY_01H = Instant.parse("2025-03-15T01:00:00Z");
    /**
     * When end-to-end tests' partners send their records: the Kafka timestamp ingest judges event
     * times against (records of that week are within its 30 days, none is in its future).
     */
    public static final long SENT_AT = Instant.parse("2025-03-20T00:00:00Z").toEpochMilli();

    /** The feed fields that say when a partner recorded the event, one per feed. */
    private static final java.util.List<String> RECORDED_FIELDS =
            java.util.List.of("occurred_at", "call_time", "arrival_time", "event_time", "reported_at");

    /**
     * When a partner would have sent {@code value}: a minute after the time it records (the job's
     * clock is arrival time, so a record sent days after its event would count in no window); for a
     * record that names no time, {@link #SENT_AT}.
     */
    public static long sentAt(byte[] value) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.mapper().readTree(value);
            for (String field : RECORDED_FIELDS) {
                if (node != null && node.hasNonNull(field)) {
                    return Instant.parse(node.get(field).asText()).toEpochMilli() + 60_000;
                }
            }
        } catch (java.io.IOException | RuntimeException notATimedRecord) {
            // hostile or malformed input: sent at the fixed time
        }
        return SENT_AT;
    }

    /** St Mary Street, Cardiff (W06000015). */
    public static final GeoLocation CARDIFF_CENTRE = GeoLocation.wgs84(-3.1790, 51.4790);
    /** Swansea Wind Street (W06000011). */
    public static final GeoLocation SWANSEA_CENTRE = GeoLocation.wgs84(-3.9390, 51.6200);
    /** Trafalgar Square: outside the covered force areas. */
    public static final GeoLocation LONDON = GeoLocation.wgs84(-0.1276, 51.5072);

    public static final String PSEUDONYM_KEY = "test-key-0123456789abcdef";

    private static final AtomicLong OFFSETS = new AtomicLong();

    private TestFeeds() {}

    public static Path dataDir() {
        Path dir = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** The shipped south-wales-gwent deployment, loaded once. */
    public static org.ember.deployment.Deployment southWales() {
        return SouthWales.DEPLOYMENT;
    }

    /** Its coverage: the twelve local authorities the tests' places lie in. */
    public static Coverage coverage() {
        return southWales().coverage();
    }

    private static final class SouthWales {
        static final org.ember.deployment.Deployment DEPLOYMENT;

        static {
            try {
                DEPLOYMENT = org.ember.deployment.Deployment.load(Path.of("../deployments/south-wales-gwent"), dataDir(),
                        java.util.Map.of());
            } catch (org.ember.rules.routing.ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    public static JobSettings settings(RuleSet rules) {
        return new JobSettings(dataDir().toString(), coverage(), 250,
                Pseudonymiser.withKey(PSEUDONYM_KEY), rules, JobSettings.defaultOutOfOrderness(), Duration.ofSeconds(1),
                org.ember.geo.fusion.FusionSettings.defaults(), null);
    }

    /** One rule, "weapon-reports": an LSOA with at least {@code threshold} weapon reports in 24 hours. */
    public static RuleSet weaponRule(long threshold) {
        return rules("""
                groups:
                  - name: test
                    rules:
                      - name: weapon-reports
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= %d
                        severity: critical
                        annotations:
                          summary: "{{ .value }} weapon reports in {{ .area_name }}"
                """.formatted(threshold));
    }

    /** A rule set written inline (one file, version 0), checked like any rule file. */
    public static RuleSet rules(String yaml) {
        try {
            return new RuleFileLoader().load(java.util.List.of(new SourceFile("test-rules.yaml", yaml)), 0);
        } catch (RuleFileException e) {
            throw new IllegalArgumentException("test rules do not load:\n" + e.getMessage(), e);
        }
    }

    public static PoliceIncident knifeCrime(String id, Instant at, GeoLocation where) {
        return new PoliceIncident(id, 1, "active", at, "Violence with injury", null, true, false, where);
    }

    public static PoliceIncident assault(String id, Instant at, GeoLocation where) {
        return new PoliceIncident(id, 1, "active", at, "Violence without injury", null, false, false, where);
    }

    public static AmbulanceCallout stabbingCallout(String id, Instant at, GeoLocation where) {
        return new AmbulanceCallout(id, 1, "active", at, "AMPDS", "27", 1, "18-24", "male", true, where);
    }

    public static AeAttendance knifeAttendance(String id, Instant assault, Duration delay, GeoLocation where) {
        return new AeAttendance(id, 1, "active", assault.plus(delay), assault, "knife_sharp", "street",
                "outside the kebab shop", "7A4BV", "15-17", where);
    }

    public static NavigatorEvent referral(String id, Instant at, String personRef) {
        return new NavigatorEvent(id, 1, "active", at, "referral", personRef, "7A4BV", "high", "15-17",
                GeoLocation.lsoa("W01001694"));
    }

    public static RawFeedRecord raw(Feed feed, Object record) {
        return raw(feed, Json.toBytes(record));
    }

    public static RawFeedRecord raw(Feed feed, String text) {
        return raw(feed, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RawFeedRecord raw(Feed feed, byte[] bytes) {
        return new RawFeedRecord(feed.topic(), 0, OFFSETS.getAndIncrement(), 0L, bytes);
    }
}
