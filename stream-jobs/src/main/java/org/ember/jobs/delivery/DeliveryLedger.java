package org.ember.jobs.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The deliveries already made, kept outside Flink's state. Checkpointed state alone forgets a
 * message sent after the last checkpoint when the job restores from it, and the replayed
 * notification would go out again; the ledger does not forget.
 *
 * <p>One entry per delivered key: a small file named after the key's SHA-256, in a folder named by
 * its first two hex digits. Existence is the record; the content (key and time) is for people.
 * Entries are written only by the task that owns the key (deliveries are keyed by recipient), and
 * looked up on the file system itself rather than in a copy loaded once per JVM, so after a restore
 * the task that inherits a recipient, on whichever TaskManager, sees every send any earlier attempt
 * made. The location is a Flink file-system URI ({@code file:///mnt/shared/…}, {@code s3://…}): on a
 * cluster it must be one every TaskManager reaches, like the checkpoint directory.
 *
 * <p>An entry is written, synced, right after the channel accepted the message: only a TaskManager
 * killed between the server's acceptance and that write can repeat a message (a window of one file
 * write, not of a checkpoint interval). Writing it before the send would instead lose the message in
 * that window, which for an alert is the worse failure.
 */
final class DeliveryLedger {
    /** The single append-only file an earlier version kept; still read so its keys stay delivered. */
    static final String LEGACY_FILE = "delivered-keys.log";

    private final Path root;
    private final FileSystem fs;
    /** Keys this task has seen delivered: a repeat is answered without asking the file system again. */
    private final Set<String> known = new HashSet<>();

    private DeliveryLedger(Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    /**
     * Opens the ledger at {@code location} (a URI, or a local path) and proves it can be written.
     *
     * @throws IOException naming the location when it cannot be reached or written
     */
    static DeliveryLedger open(String location) throws IOException {
        Path root = new Path(uri(location));
        FileSystem fs;
        try {
            fs = root.getFileSystem();
            fs.mkdirs(root);
            // Fail when the task opens, not at the first send after a restore.
            Path probe = new Path(root, ".probe-" + UUID.randomUUID());
            try (FSDataOutputStream out = fs.create(probe, FileSystem.WriteMode.NO_OVERWRITE)) {
                out.write('\n');
            }
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("the delivery ledger " + root + " cannot be written: " + e.getMessage(), e);
        }
        DeliveryLedger ledger = new DeliveryLedger(root, fs);
        ledger.readLegacy();
        return ledger;
    }

    /** A URI as given, or a local path (relative to the working directory) as a file URI. */
    static URI uri(String location) {
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return URI.create(location);
        }
        return java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri();
    }

    boolean delivered(String key) throws IOException {
        if (known.contains(key)) {
            return true;
        }
        if (fs.exists(entry(key))) {
            known.add(key);
            return true;
        }
        return false;
    }

    void record(String key, long at) throws IOException {
        Path entry = entry(key);
        fs.mkdirs(entry.getParent());
        try (FSDataOutputStream out = fs.create(entry, FileSystem.WriteMode.OVERWRITE)) {
            out.write((key + "\n" + Instant.ofEpochMilli(at) + "\n").getBytes(StandardCharsets.UTF_8));
            out.sync();
        }
        known.add(key);
    }

    Path entry(String key) {
        String hash = sha256(key);
        return new Path(new Path(root, hash.substring(0, 2)), hash);
    }

    private void readLegacy() throws IOException {
        Path legacy = new Path(root, LEGACY_FILE);
        if (!fs.exists(legacy)) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(legacy), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    known.add(line);
                }
            }
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
