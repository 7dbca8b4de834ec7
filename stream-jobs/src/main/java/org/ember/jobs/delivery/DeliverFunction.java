package org.ember.jobs.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.Coverage;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.EmailRenderer;
import org.ember.model.Alert;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.WebhookRenderer;
import org.ember.rules.oncall.Contact;

/**
 * Sends each message over its channel, keyed by recipient. A failure is retried with backoff from a
 * processing-time timer, the message kept in checkpointed state meanwhile; after the backoff's
 * limit it is recorded as undeliverable. Every attempt and outcome is emitted for
 * {@code ember.deliveries}. A delivery already made (in state, or in the {@link DeliveryLedger} after
 * a restore, including a retry restored from a checkpoint taken before it got through) is not made
 * again: its key is the alert fingerprint, the notification step, the route and the recipient.
 */
final class DeliverFunction extends KeyedProcessFunction<String, Notification, DeliveryRecord>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(DeliverFunction.class.getName());
    /** How long a delivered key is remembered in state; the ledger remembers for good. */
    static final Duration REMEMBER_DELIVERED = Duration.ofDays(7);

    private final DeliverySettings settings;
    private final String dataDir;
    private final Coverage coverage;
    private transient Channel email;
    private transient Channel webhook;
    private transient DeliveryLedger ledger;
    private transient MapState<String, PendingDelivery> pending;
    private transient MapState<String, Long> delivered;
    /**
     * Messages of this task waiting for a retry ({@code ember_deliveries_pending}). Checkpointed, so
     * that after a restore the gauge still counts the retries the restored state holds instead of
     * starting from zero while they wait (operators read it to know whether anyone is still untold).
     */
    private transient AtomicLong pendingHere;
    private transient ListState<Long> pendingCount;

    DeliverFunction(DeliverySettings settings, String dataDir, Coverage coverage) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.coverage = coverage;
    }

    private transient org.ember.jobs.metrics.JobMetrics metrics;

    @Override
    public void open(OpenContext context) {
        metrics = org.ember.jobs.metrics.JobMetrics.of(getRuntimeContext());
        metrics.deliveriesPending(pendingHere);
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(dataDir), coverage);
        EmailRenderer mail = new EmailRenderer(settings.links(), catalogue::ladName);
        WebhookRenderer hook = new WebhookRenderer(settings.links(), catalogue::ladName);
        if (settings.live()) {
            email = new SmtpChannel(settings.smtp(), mail);
            webhook = new WebhookChannel(hook);
        } else {
            email = new OutboxChannel(Path.of(settings.outboxDir()), mail, hook);
            webhook = email;
        }
        try {
            ledger = settings.ledgerDir() == null ? null : DeliveryLedger.open(settings.ledgerDir());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage() + "; notifications are not sent without it", e);
        }
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending-deliveries", Types.STRING, TypeInformation.of(PendingDelivery.class)));
        MapStateDescriptor<String, Long> deliveredDescriptor =
                new MapStateDescriptor<>("delivered-keys", Types.STRING, Types.LONG);
        deliveredDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(REMEMBER_DELIVERED).build());
        delivered = getRuntimeContext().getMapState(deliveredDescriptor);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pendingCount = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("pending-deliveries-count", Types.LONG));
        long restored = 0;
        for (Long n : pendingCount.get()) {
            restored += n;
        }
        pendingHere = new AtomicLong(restored);
        DeliveryMetrics.pending().addAndGet(restored);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        pendingCount.update(List.of(pendingHere.get()));
    }

    /** Messages of this task waiting for a retry, as {@code ember_deliveries_pending} shows them. */
    long pending() {
        return pendingHere.get();
    }

    private void pendingChanged(long by) {
        pendingHere.addAndGet(by);
        DeliveryMetrics.pending().addAndGet(by);
    }

    @Override
    public void processElement(Notification n, Context ctx, Collector<DeliveryRecord> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        String key = n.deliveryKey();
        if (alreadyDelivered(key)) {
            record(out, DeliveryRecord.attempt(n, n.contact().channel(), 0, DeliveryRecord.DUPLICATE,
                    "already delivered; not sent again", now));
            return;
        }
        if (pending.contains(key)) {
            return; // the same message is already waiting for its channel
        }
        attempt(new PendingDelivery(n, 0, now, now), now, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeliveryRecord> out) throws Exception {
        List<PendingDelivery> due = new ArrayList<>();
        for (Map.Entry<String, PendingDelivery> entry : pending.entries()) {
            if (entry.getValue().nextAttempt() <= timestamp) {
                due.add(entry.getValue());
            }
        }
        long now = Math.max(timestamp, ctx.timerService().currentProcessingTime());
        for (PendingDelivery p : due) {
            attempt(p, now, ctx.timerService(), out);
        }
    }

    private void attempt(PendingDelivery p, long now, org.apache.flink.streaming.api.TimerService timers,
            Collector<DeliveryRecord> out) throws Exception {
        Notification n = p.notification();
        String key = n.deliveryKey();
        int attempt = p.attempts() + 1;
        boolean wasPending = p.attempts() > 0;
        if (wasPending && alreadyDelivered(key)) {
            // A retry restored from a checkpoint taken before an earlier attempt got through.
            pending.remove(key);
            pendingChanged(-1);
            record(out, DeliveryRecord.attempt(n, n.contact().channel(), p.attempts(), DeliveryRecord.DUPLICATE,
                    "already delivered before a restore; not sent again", now));
            return;
        }
        Channel channel = Contact.EMAIL.equals(n.contact().channel()) ? email : webhook;
        try {
            channel.send(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (Exception e) {
            String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (settings.backoff().retries(p.firstAttempt(), now)) {
                long next = now + settings.backoff().delayAfter(attempt).toMillis();
                pending.put(key, new PendingDelivery(n, attempt, p.firstAttempt(), next));
                timers.registerProcessingTimeTimer(next);
                if (!wasPending) {
                    pendingChanged(1);
                }
                record(out, DeliveryRecord.attempt(n, n.contact().channel(), attempt, DeliveryRecord.FAILED,
                        detail + "; next attempt in " + settings.backoff().delayAfter(attempt).toSeconds() + " s", now));
            } else {
                pending.remove(key);
                if (wasPending) {
                    pendingChanged(-1);
                }
                record(out, DeliveryRecord.attempt(n, n.contact().channel(), attempt, DeliveryRecord.UNDELIVERABLE,
                        detail + "; gave up after " + attempt + " attempts", now));
            }
            return;
        }
        delivered.put(key, now);
        String unrecorded = "";
        if (ledger != null) {
            try {
                ledger.record(key, now);
            } catch (java.io.IOException | RuntimeException e) {
                // The message is out: failing the task now would restore and send it again for sure.
                unrecorded = "; NOT in the delivery ledger (" + e.getMessage() + "), a restore before the next "
                        + "checkpoint would send it again";
                LOG.log(System.Logger.Level.ERROR, "delivery ledger write failed for " + key, e);
            }
        }
        pending.remove(key);
        if (wasPending) {
            pendingChanged(-1);
        }
        record(out, DeliveryRecord.attempt(n, n.contact().channel(), attempt, DeliveryRecord.SENT,
                (settings.live() ? "accepted" : "written to outbox " + settings.outboxDir()) + unrecorded, now));
        long sentAt = System.currentTimeMillis();
        for (Alert alert : n.firing()) {
            if (alert.recordAppendedAt() > 0) {
                metrics.recordToNotificationLatency()
                        .record(Math.max(0, sentAt - alert.recordAppendedAt()), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    private boolean alreadyDelivered(String key) throws Exception {
        return delivered.contains(key) || (ledger != null && ledger.delivered(key));
    }

    private void record(Collector<DeliveryRecord> out, DeliveryRecord record) {
        // Failures are worth a line in the log; successes are on ember.deliveries and in the metrics.
        LOG.log(DeliveryRecord.SENT.equals(record.outcome()) || DeliveryRecord.DUPLICATE.equals(record.outcome())
                ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                "{0} {1} → {2} (attempt {3}): {4}", record.outcome(), record.notificationKey(), record.recipient(),
                record.attempt(), record.detail());
        metrics.deliveries(record.outcome()).increment();
        out.collect(record);
    }

    @Override
    public void close() {
        if (pendingHere != null) {
            DeliveryMetrics.pending().addAndGet(-pendingHere.get()); // this JVM's mirror: the task's share leaves with it
        }
        if (email != null) {
            email.close();
        }
        if (webhook != null && webhook != email) {
            webhook.close();
        }
    }
}
