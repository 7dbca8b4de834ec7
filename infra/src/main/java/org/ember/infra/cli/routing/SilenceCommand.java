package org.ember.infra.cli.routing;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.infra.cli.UserError;
import org.ember.model.Topics;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.silence.Silence;
import org.ember.rules.silence.SilenceRequest;
import org.ember.rules.silence.Silences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ember silence add|list|expire}: silences on {@code ember.acks}, read by the running job. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Silences: stop notifications for matching alerts until a set time (they always expire).",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
public final class SilenceCommand implements Runnable {
    static final String BOOTSTRAP_ENV = "EMBER_BOOTSTRAP_SERVERS";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The Kafka option of every silence command. */
    static class Kafka {
        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: $EMBER_BOOTSTRAP_SERVERS, "
                + "else the deployment's, else the running demo's broker).")
        String bootstrapServers;

        @picocli.CommandLine.Mixin
        org.ember.infra.cli.DeploymentOption deployment;

        String servers() {
            String servers = bootstrapServers != null ? bootstrapServers : System.getenv(BOOTSTRAP_ENV);
            if (servers != null && !servers.isBlank()) {
                return servers;
            }
            return org.ember.infra.cli.KafkaLocation.bootstrapServers(null, deployment.load(null));
        }

        void write(ControlMessage message) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.ACKS, message.key(), message.toBytes())).get(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted");
            } catch (Exception e) {
                throw new UserError("cannot write to " + Topics.ACKS + " at " + servers() + ": " + e.getMessage(), e);
            }
        }

        /** Every silence on the topic, latest version of each. */
        Silences read() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
            Silences silences = new Silences();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : consumer.partitionsFor(Topics.ACKS, Duration.ofSeconds(15))) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Instant deadline = Instant.now().plusSeconds(30);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        try {
                            ControlMessage message = ControlMessage.fromBytes(record.value());
                            if (message.silence() != null) {
                                silences.put(message.silence());
                            }
                        } catch (RuntimeException e) {
                            // Not a silence we can read: the job skips it too.
                        }
                    }
                }
            } catch (org.apache.kafka.common.KafkaException e) {
                throw new UserError("cannot read " + Topics.ACKS + " at " + servers() + ": " + e.getMessage(), e);
            }
            return silences;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a silence.")
    static final class Add extends Kafka implements Callable<Integer> {
        @Option(names = {"-m", "--match"}, required = true, description = "Matcher, e.g. 'lad=\"W06000011\"' (repeatable).")
        List<String> matchers;

        @Option(names = "--for", description = "How long, e.g. 2h (or give --until).")
        String duration;

        @Option(names = "--from", description = "Start, e.g. 2025-10-25T20:00:00+01:00 (default: now).")
        String from;

        @Option(names = "--until", description = "End, e.g. 2025-10-26T08:00:00+00:00.")
        String until;

        @Option(names = "--by", required = true, description = "Who is silencing.")
        String by;

        @Option(names = "--comment", required = true, description = "Why (the next duty officer reads this).")
        String comment;

        @Override
        public Integer call() {
            Silence silence;
            try {
                silence = new SilenceRequest(matchers, from, until, duration, by, comment)
                        .toSilence(UUID.randomUUID().toString(), Instant.now());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            write(ControlMessage.of(silence));
            System.out.println("Silence " + silence.id() + " " + silence.matchers() + " until "
                    + RoutesCommand.LONDON.format(Instant.ofEpochMilli(silence.endsAt())));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists silences: active, pending, expired.")
    static final class ListSilences extends Kafka implements Callable<Integer> {
        @Option(names = "--all", description = "Include expired silences.")
        boolean all;

        @Override
        public Integer call() {
            long now = System.currentTimeMillis();
            PrintStream out = System.out;
            int shown = 0;
            for (Silence s : read().all()) {
                Silence.State state = s.state(now);
                if (state == Silence.State.EXPIRED && !all) {
                    continue;
                }
                shown++;
                out.printf("%-36s %-8s %s%n    from %s until %s · by %s · %s%n", s.id(), state.name().toLowerCase(),
                        s.matchers(), RoutesCommand.LONDON.format(Instant.ofEpochMilli(s.startsAt())),
                        RoutesCommand.LONDON.format(Instant.ofEpochMilli(s.endsAt())), s.createdBy(), s.comment());
            }
            if (shown == 0) {
                out.println(all ? "No silences." : "No active or pending silences (--all shows expired ones).");
            }
            return 0;
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "Ends a silence now.")
    static final class Expire extends Kafka implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "Silence id (see 'ember silence list').")
        String id;

        @Override
        public Integer call() {
            Silence silence = read().get(id).orElseThrow(() -> new UserError("no silence " + id));
            long now = System.currentTimeMillis();
            if (silence.state(now) == Silence.State.EXPIRED) {
                throw new UserError("silence " + id + " has already expired");
            }
            write(ControlMessage.of(silence.expire(now)));
            System.out.println("Silence " + id + " expired");
            return 0;
        }
    }
}
