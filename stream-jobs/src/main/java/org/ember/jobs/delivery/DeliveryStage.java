package org.ember.jobs.delivery;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.OutputTopic;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.rules.delivery.ControlMessage;
import org.ember.rules.delivery.DeliveryRecord;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.RoutedAlert;

/**
 * Alerts reach people: route and inhibit (one key), group, repeat and escalate (per notification
 * group, with acknowledgements and silences from {@code ember.acks} broadcast to every group), and
 * send with retries (per recipient). Every attempt, outcome and decision goes to
 * {@code ember.deliveries}.
 */
public final class DeliveryStage {
    /** The delivery audit, written exactly once, keyed by delivery so one message's attempts stay in order. */
    public static final OutputTopic<DeliveryRecord> DELIVERIES = new OutputTopic<>(Topics.DELIVERIES,
            DeliveryRecord::deliveryKey, r -> r, true);

    private DeliveryStage() {}

    public static DataStream<DeliveryRecord> attach(StreamExecutionEnvironment env, JobSources sources,
            DataStream<Alert> alerts, JobSettings settings) {
        DeliverySettings delivery = settings.delivery();
        BroadcastStream<ControlMessage> controls = sources.control(env, Topics.ACKS)
                .flatMap(new ControlParser()).returns(TypeInformation.of(ControlMessage.class))
                .uid("delivery-controls").name("Read acknowledgements and silences")
                .broadcast(NotificationGroupFunction.ACKS, NotificationGroupFunction.SILENCES);

        DataStream<RoutedAlert> routed = alerts
                .keyBy(alert -> AlertRouterFunction.KEY)
                .process(new AlertRouterFunction(delivery)).returns(TypeInformation.of(RoutedAlert.class))
                .uid("delivery-route").name("Route and inhibit alerts");

        SingleOutputStreamOperator<Notification> notifications = routed
                .keyBy(RoutedAlert::groupKey)
                .connect(controls)
                .process(new NotificationGroupFunction(delivery)).returns(TypeInformation.of(Notification.class))
                .uid("delivery-groups").name("Group, repeat and escalate");

        DataStream<DeliveryRecord> attempts = notifications
                .keyBy(n -> n.contact().channel() + ":" + n.contact().address())
                .process(new DeliverFunction(delivery, settings.dataDir(), settings.coverage()))
                .returns(TypeInformation.of(DeliveryRecord.class))
                .uid("delivery-send").name("Send notifications");

        return attempts.union(notifications.getSideOutput(NotificationGroupFunction.DECISIONS));
    }
}
