package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on a plain file system, as two TaskManagers sharing one directory see it. */
class DeliveryLedgerTest {
    @TempDir
    Path dir;

    @Test
    void aKeyRecordedByOneTaskManagerIsSeenByAnotherThatOpenedTheLedgerBefore() throws Exception {
        DeliveryLedger first = DeliveryLedger.open(dir.toString());
        DeliveryLedger second = DeliveryLedger.open(dir.toUri().toString());
        assertThat(second.delivered("k#0@root/email:a@x.example")).isFalse();

        first.record("k#0@root/email:a@x.example", 1_000);

        // No copy loaded once per JVM: the second opener asks the file system.
        assertThat(second.delivered("k#0@root/email:a@x.example")).isTrue();
        assertThat(second.delivered("k#0@root/email:b@x.example")).isFalse();
        assertThat(DeliveryLedger.open(dir.toString()).delivered("k#0@root/email:a@x.example")).isTrue();
        Path entry = Path.of(first.entry("k#0@root/email:a@x.example").toUri());
        assertThat(Files.readString(entry)).startsWith("k#0@root/email:a@x.example\n1970-01-01T00:00:01Z");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("the probe is gone, one entry stays").hasSize(1);
        }
    }

    @Test
    void keysOfTheEarlierSingleFileLedgerStayDelivered() throws Exception {
        Files.writeString(dir.resolve(DeliveryLedger.LEGACY_FILE), "old#0@root/email:a@x.example\n", StandardCharsets.UTF_8);
        DeliveryLedger ledger = DeliveryLedger.open(dir.toString());
        assertThat(ledger.delivered("old#0@root/email:a@x.example")).isTrue();
        assertThat(ledger.delivered("new#0@root/email:a@x.example")).isFalse();
    }

    @Test
    void aLocalPathAndAUriNameTheSamePlace() {
        assertThat(DeliveryLedger.uri(dir.toString())).isEqualTo(DeliveryLedger.uri(dir.toUri().toString()));
        assertThat(DeliveryLedger.uri("s3://ember-state/delivery-ledger").getScheme()).isEqualTo("s3");
    }
}
