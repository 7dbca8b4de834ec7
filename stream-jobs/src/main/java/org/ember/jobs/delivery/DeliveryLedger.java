package org.ember.jobs.delivery;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of deliveries already made, on disk beside the checkpoints. Flink state alone would
 * forget a message sent after the last checkpoint when the job restarts from it, and send it again;
 * this file does not. A key is written right after the channel accepted the message (a crash in
 * between can still repeat that one message, and its Message-ID lets mail systems drop it).
 * One ledger per file per JVM; on a cluster, point every task manager at a shared directory.
 */
final class DeliveryLedger {
    static final String FILE = "delivered-keys.log";
    private static final Map<Path, DeliveryLedger> OPEN = new ConcurrentHashMap<>();

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final BufferedWriter writer;

    private DeliveryLedger(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    keys.add(line);
                }
            }
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static DeliveryLedger open(Path dir) {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(file, f -> {
            try {
                return new DeliveryLedger(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the delivery ledger " + f, e);
            }
        });
    }

    boolean delivered(String key) {
        return keys.contains(key);
    }

    void record(String key) {
        if (!keys.add(key)) {
            return;
        }
        synchronized (writer) {
            try {
                writer.write(key);
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the delivery ledger", e);
            }
        }
    }
}
