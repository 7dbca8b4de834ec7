package org.ember.infra.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.geo.linkage.LinkageAccuracy;
import org.ember.infra.simulator.SimulatedRecord;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.LinkedSource;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;

/**
 * What the demo shows of multi-agency fusion. It remembers the simulator's truth for every police,
 * ambulance and A&E record it sends, follows {@code ember.incidents} (the latest revision of every
 * linked incident) and prints a {@code TENSION} line whenever an area's tension rises to the fourth
 * level of the scale or above ("critical" with the default levels; "high" is common enough after
 * any serious stabbing to drown the terminal). At the end, {@link #linkageLine()} scores the linkage against the truth.
 */
public final class FusionWatch implements AutoCloseable {
    private static final Set<Feed> LINKED_FEEDS = Set.of(Feed.POLICE, Feed.AMBULANCE, Feed.AE);
    private static final DateTimeFormatter LONDON_TIME =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(ZoneId.of("Europe/London"));
    private static final int PRINTED_FROM_LEVEL = 3;

    private final Map<String, String> truth = new ConcurrentHashMap<>();
    private final Map<String, LinkedIncident> latest = new ConcurrentHashMap<>();
    private final Map<String, Integer> levels = new HashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final UnaryOperator<String> ladName;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long tensionLines;

    public FusionWatch(String bootstrapServers, PrintStream out, UnaryOperator<String> ladName) {
        this.out = out;
        this.ladName = ladName;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(new TopicPartition(Topics.INCIDENTS, 0),
                new TopicPartition(Topics.TENSION, 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::loop, "fusion-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The simulator's records, remembering the real incident behind each linkable one as it goes by. */
    public Iterator<SimulatedRecord> recording(Iterator<SimulatedRecord> records) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public SimulatedRecord next() {
                SimulatedRecord r = records.next();
                if (!r.malformed() && r.truthIncidentId() != null && LINKED_FEEDS.contains(r.feed())) {
                    truth.put(r.feed().code() + ":" + r.key(), r.truthIncidentId());
                }
                return r;
            }
        };
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (Topics.INCIDENTS.equals(record.topic())) {
                        LinkedIncident incident = Json.fromBytes(record.value(), LinkedIncident.class);
                        latest.merge(incident.incidentId(), incident, (a, b) -> b.revision() >= a.revision() ? b : a);
                    } else {
                        tension(Json.fromBytes(record.value(), TensionUpdate.class));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us up.
        } finally {
            consumer.close();
        }
    }

    private void tension(TensionUpdate t) {
        Integer before = levels.put(t.key(), t.levelIndex());
        if (t.levelIndex() >= PRINTED_FROM_LEVEL && (before == null || before < t.levelIndex())) {
            tensionLines++;
            out.println(format(t, ladName));
        }
    }

    static String format(TensionUpdate t, UnaryOperator<String> ladName) {
        StringBuilder why = new StringBuilder();
        for (TensionContribution c : t.contributions()) {
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append(String.format(Locale.ROOT, "%s +%.1f (%s)", c.signal(), c.points(), c.detail()));
        }
        return String.format(Locale.ROOT, "TENSION %-8s %s %s (%s) · %s · score %.1f · %s", t.level(), t.layer(), t.areaId(),
                ladName.apply(t.lad()), LONDON_TIME.format(Instant.ofEpochMilli(t.asOf())), t.score(), why);
    }

    /** Linked incident id of every report in a live linked incident, by {@code feed:sourceId}. */
    Map<String, String> predicted() {
        Map<String, String> predicted = new HashMap<>();
        for (LinkedIncident incident : latest.values()) {
            if (incident.cancelled()) {
                continue;
            }
            for (LinkedSource s : incident.sources()) {
                predicted.put(s.feed() + ":" + s.sourceId(), incident.incidentId());
            }
        }
        return predicted;
    }

    public LinkageAccuracy accuracy() {
        return LinkageAccuracy.pairwise(predicted(), Map.copyOf(truth));
    }

    /** One line for the end of the demo: the linkage scored against the simulator's truth. */
    public String linkageLine() {
        long live = latest.values().stream().filter(i -> !i.cancelled()).count();
        long multi = latest.values().stream().filter(i -> !i.cancelled() && i.feeds().size() > 1).count();
        long healthOnly = latest.values().stream().filter(i -> !i.cancelled() && i.healthOnly()).count();
        return "LINKAGE " + accuracy().summary() + " · linked incidents " + live + " (" + multi + " multi-agency, "
                + healthOnly + " health-only) · tension rises to critical " + tensionLines;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
