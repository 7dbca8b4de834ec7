package org.ember.jobs.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.jobs.ingest.Ingestor;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.ingest.DeadLetterRedactor;
import org.ember.model.ingest.FeedParser;
import org.ember.model.interventions.InterventionParser;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.delivery.ControlMessage;
import org.junit.jupiter.api.Test;

/**
 * The raw record's serializer gives back what it was given, and Flink's type extraction finds it;
 * handing the same record on between chained operators is safe only while no reader writes into
 * its bytes, which the last test holds for every reader of raw records.
 */
class RawFeedRecordSerializerTest {

    @Test
    void typeExtractionFindsTheSerializerThatHandsTheSameRecordOn() {
        TypeInformation<RawFeedRecord> type = TypeInformation.of(RawFeedRecord.class);
        assertThat(type).isEqualTo(RawFeedRecordType.INFO);
        RawFeedRecord record = new RawFeedRecord("feed.police", 1, 2L, 3L, new byte[] {1});
        assertThat(type.createSerializer(new SerializerConfigImpl()).copy(record)).isSameAs(record);
    }

    @Test
    void roundTripsEveryFieldIncludingNullsAndEmptyBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        List<RawFeedRecord> records = new ArrayList<>(List.of(
                new RawFeedRecord(null, 0, 0L, 0L, null),
                new RawFeedRecord("", -1, Long.MIN_VALUE, Long.MAX_VALUE, new byte[0]),
                new RawFeedRecord("feed.pölice ✓", Integer.MAX_VALUE, -5L, -1L, new byte[] {0, -1, 127, -128})));
        for (int i = 0; i < 1_000; i++) {
            byte[] value = new byte[random.nextInt(0, 3_000)];
            random.nextBytes(value);
            records.add(new RawFeedRecord("feed." + random.nextInt(), random.nextInt(), random.nextLong(), random.nextLong(),
                    random.nextInt(10) == 0 ? null : value));
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (RawFeedRecord record : records) {
            RawFeedRecordSerializer.INSTANCE.serialize(record, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (RawFeedRecord record : records) {
            RawFeedRecord back = RawFeedRecordSerializer.INSTANCE.deserialize(in);
            assertThat(back.topic()).isEqualTo(record.topic());
            assertThat(back.partition()).isEqualTo(record.partition());
            assertThat(back.offset()).isEqualTo(record.offset());
            assertThat(back.timestamp()).isEqualTo(record.timestamp());
            assertThat(back.value()).isEqualTo(record.value());
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void noReaderOfRawRecordsWritesIntoTheirBytes() {
        Ingestor ingestor = new Ingestor(new FeedParser(Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY)),
                new AreaPlacer(AreaCatalogue.load(TestFeeds.dataDir(), TestFeeds.coverage()), 250));
        DeadLetterRedactor redactor = new DeadLetterRedactor(Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY));
        InterventionParser interventions = new InterventionParser(a -> true, c -> true);
        List<byte[]> values = List.of(
                Json.toBytes(TestFeeds.knifeCrime("CR-1", TestFeeds.FRIDAY_22H, TestFeeds.CARDIFF_CENTRE)),
                Json.toBytes(TestFeeds.knifeCrime("CR-2", TestFeeds.FRIDAY_22H, TestFeeds.LONDON)),
                Json.toBytes(TestFeeds.stabbingCallout("AMB-1", TestFeeds.FRIDAY_22H, TestFeeds.CARDIFF_CENTRE)),
                "{\"incident_id\": \"CR-3\", \"name\": \"Jane Smith\", \"nhs\": \"943 476 5919\"}".getBytes(StandardCharsets.UTF_8),
                "{not json at all".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, 0, 1, 2, (byte) 0xc3});
        int read = 0;
        for (byte[] value : values) {
            byte[] before = value.clone();
            for (Feed feed : Feed.values()) {
                ingestor.ingest(feed, value, TestFeeds.SENT_AT);
            }
            redactor.redact(value);
            interventions.parse(value);
            try {
                ControlMessage.fromBytes(value);
            } catch (RuntimeException refused) {
                // A bad control message is refused; its bytes must still be as they were.
            }
            assertThat(value).isEqualTo(before);
            read++;
        }
        assertThat(read).isEqualTo(values.size());
    }
}
