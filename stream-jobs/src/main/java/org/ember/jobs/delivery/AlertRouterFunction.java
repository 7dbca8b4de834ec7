package org.ember.jobs.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.model.Alert;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.RoutedAlert;

/**
 * Routes each alert transition to its notification groups and decides inhibition. Inhibition needs
 * every firing alert at once, so this runs under one key: alert transitions are few (a handful an
 * hour), unlike the events behind them. When an alert starts or stops firing, the alerts it mutes
 * or frees are routed again with their new state.
 */
final class AlertRouterFunction extends KeyedProcessFunction<String, Alert, RoutedAlert> {
    private static final long serialVersionUID = 1L;
    static final String KEY = "router";

    private final DeliverySettings settings;
    private transient AlertRouting routing;
    private transient MapState<String, Alert> firing;
    private transient MapState<String, Boolean> inhibited;

    AlertRouterFunction(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        routing = settings.routing();
        firing = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("firing-alerts", Types.STRING, TypeInformation.of(Alert.class)));
        inhibited = getRuntimeContext().getMapState(new MapStateDescriptor<>("inhibited", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<RoutedAlert> out) throws Exception {
        boolean isFiring = Alert.FIRING.equals(alert.state());
        if (isFiring) {
            firing.put(alert.fingerprint(), alert);
        } else {
            firing.remove(alert.fingerprint());
            inhibited.remove(alert.fingerprint());
        }
        List<Alert> all = new ArrayList<>();
        firing.values().forEach(all::add);
        OptionalLong mutedSince = isFiring ? routing.tree().inhibitedSince(alert, all) : OptionalLong.empty();
        if (isFiring) {
            inhibited.put(alert.fingerprint(), mutedSince.isPresent());
        }
        routing.route(alert, mutedSince).forEach(out::collect);
        if (routing.tree().inhibitRules().isEmpty()) {
            return;
        }
        for (Alert other : all) {
            if (other.fingerprint().equals(alert.fingerprint())) {
                continue;
            }
            OptionalLong since = routing.tree().inhibitedSince(other, all);
            boolean now = since.isPresent();
            Boolean before = inhibited.get(other.fingerprint());
            if (before == null || before != now) {
                inhibited.put(other.fingerprint(), now);
                routing.route(other, since).forEach(out::collect);
            }
        }
    }
}
