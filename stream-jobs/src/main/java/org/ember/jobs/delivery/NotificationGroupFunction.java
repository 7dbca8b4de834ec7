package org.ember.jobs.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.delivery.Controls;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.Dispatcher;
import org.ember.rules.delivery.GroupMember;
import org.ember.rules.delivery.GroupStatus;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.NotificationGroup;
import org.ember.rules.delivery.RoutedAlert;
import org.ember.rules.oncall.Acknowledgement;
import org.ember.rules.silence.Silence;
import org.ember.rules.silence.Silences;

/**
 * One notification group per key: grouping, repeats and escalation, decided by the pure
 * {@link Dispatcher}, kept in keyed state and woken by processing-time timers. Processing time,
 * because "escalate after 15 minutes" means 15 minutes of a duty officer's wall clock, whatever the
 * event time of the alert (in a replay or the demo, event time runs at thousands of times real time).
 * Tests drive the clock through Flink's test harness, which sets processing time by hand.
 *
 * <p>Acknowledgements and silences arrive on the broadcast side and are kept in broadcast state;
 * groups read them whenever they decide, so an acknowledgement needs no search for its group.
 */
final class NotificationGroupFunction
        extends KeyedBroadcastProcessFunction<String, RoutedAlert, ControlMessage, Notification> {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(NotificationGroupFunction.class.getName());
    /** Acknowledgements older than this are dropped from broadcast state (their alerts have long resolved). */
    static final long ACK_RETENTION_MILLIS = java.time.Duration.ofDays(30).toMillis();

    static final MapStateDescriptor<String, Acknowledgement> ACKS =
            new MapStateDescriptor<>("acks", Types.STRING, TypeInformation.of(Acknowledgement.class));
    static final MapStateDescriptor<String, Silence> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, TypeInformation.of(Silence.class));
    /** Decisions not to notify (silenced, inhibited, nobody on duty), for the delivery audit. */
    static final OutputTag<DeliveryRecord> DECISIONS = new OutputTag<>("delivery-decisions",
            TypeInformation.of(DeliveryRecord.class));

    private final DeliverySettings settings;
    private transient Dispatcher dispatcher;
    private transient ValueState<GroupStatus> status;
    private transient MapState<String, GroupMember> members;

    NotificationGroupFunction(DeliverySettings settings) {
        this.settings = settings;
    }

    private transient org.ember.jobs.metrics.JobMetrics metrics;

    @Override
    public void open(OpenContext context) {
        metrics = org.ember.jobs.metrics.JobMetrics.of(getRuntimeContext());
        dispatcher = new Dispatcher(settings.routing());
        status = getRuntimeContext().getState(new ValueStateDescriptor<>("group-status", TypeInformation.of(GroupStatus.class)));
        members = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("group-members", Types.STRING, TypeInformation.of(GroupMember.class)));
    }

    @Override
    public void processElement(RoutedAlert routed, ReadOnlyContext ctx, Collector<Notification> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        NotificationGroup group = load();
        long registered = group.isEmpty() ? 0 : group.status().wakeAt();
        LOG.log(System.Logger.Level.DEBUG, "{0}: alert {1} {2}", routed.groupKey(), routed.alert().fingerprint(),
                routed.alert().state());
        Dispatcher.Result result = dispatcher.onAlert(group, routed, now, controls(ctx.getBroadcastState(ACKS),
                ctx.getBroadcastState(SILENCES)));
        emit(result, out, ctx::output);
        store(group, registered, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        NotificationGroup group = load();
        if (group.isEmpty()) {
            return;
        }
        long registered = group.status().wakeAt();
        long now = ctx.timerService().currentProcessingTime();
        Dispatcher.Result result = dispatcher.evaluate(group, Math.max(now, timestamp),
                controls(ctx.getBroadcastState(ACKS), ctx.getBroadcastState(SILENCES)));
        emit(result, out, ctx::output);
        store(group, registered == timestamp ? 0 : registered, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<Notification> out) throws Exception {
        long now = ctx.currentProcessingTime();
        BroadcastState<String, Acknowledgement> acks = ctx.getBroadcastState(ACKS);
        BroadcastState<String, Silence> silences = ctx.getBroadcastState(SILENCES);
        if (ControlMessage.ACK.equals(message.kind())) {
            Acknowledgement ack = message.ack();
            Acknowledgement held = acks.get(ack.fingerprint());
            if (held == null || held.at() <= ack.at()) {
                acks.put(ack.fingerprint(), ack);
            }
        } else {
            silences.put(message.silence().id(), message.silence());
        }
        // Housekeeping: what can no longer matter goes.
        List<String> oldAcks = new ArrayList<>();
        for (Map.Entry<String, Acknowledgement> entry : acks.entries()) {
            if (entry.getValue().at() < now - ACK_RETENTION_MILLIS) {
                oldAcks.add(entry.getKey());
            }
        }
        for (String key : oldAcks) {
            acks.remove(key);
        }
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, Silence> entry : silences.entries()) {
            if (entry.getValue().endsAt() < now - ACK_RETENTION_MILLIS) {
                ended.add(entry.getKey());
            }
        }
        for (String key : ended) {
            silences.remove(key);
        }
    }

    private NotificationGroup load() throws Exception {
        GroupStatus current = status.value();
        if (current == null) {
            return NotificationGroup.empty();
        }
        List<GroupMember> list = new ArrayList<>();
        members.values().forEach(list::add);
        return new NotificationGroup(current, list);
    }

    /** Writes the group back and moves its timer; an ended group leaves nothing behind. */
    private void store(NotificationGroup group, long registered, TimerService timers) throws Exception {
        long wake = group.isEmpty() ? 0 : group.status().wakeAt();
        if (registered > 0 && registered != wake) {
            timers.deleteProcessingTimeTimer(registered);
        }
        if (group.isEmpty()) {
            status.clear();
            members.clear();
            return;
        }
        status.update(group.status());
        members.clear();
        for (GroupMember member : group.members().values()) {
            members.put(member.fingerprint(), member);
        }
        if (wake > 0 && wake != registered) {
            timers.registerProcessingTimeTimer(wake);
        }
    }

    private void emit(Dispatcher.Result result, Collector<Notification> out,
            java.util.function.BiConsumer<OutputTag<DeliveryRecord>, DeliveryRecord> side) {
        result.notifications().forEach(out::collect);
        for (DeliveryRecord record : result.records()) {
            metrics.deliveries(record.outcome()).increment();
            side.accept(DECISIONS, record);
        }
    }

    private static Controls controls(ReadOnlyBroadcastState<String, Acknowledgement> acks,
            ReadOnlyBroadcastState<String, Silence> silences) {
        return new Controls() {
            @Override
            public Optional<Acknowledgement> ack(String fingerprint) {
                try {
                    return Optional.ofNullable(acks.get(fingerprint));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read acknowledgements", e);
                }
            }

            @Override
            public Optional<Silence> silencing(Map<String, String> labels, long now) {
                try {
                    List<Silence> all = new ArrayList<>();
                    for (Map.Entry<String, Silence> entry : silences.immutableEntries()) {
                        all.add(entry.getValue());
                    }
                    return Silences.silencing(all, labels, now);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read silences", e);
                }
            }
        };
    }
}
