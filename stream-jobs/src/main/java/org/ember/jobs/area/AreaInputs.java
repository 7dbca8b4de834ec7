package org.ember.jobs.area;

import java.util.Comparator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.records.CountDelta;
import org.ember.model.metrics.AreaMetrics;

/**
 * What the area stage reads, one stream keyed by area: a count change ({@link Either#Left}) or
 * another stage's metric update, today the fusion stage's ({@link Either#Right}). Flink's
 * {@link Either} is the sealed type: its serializer and state snapshots come with Flink.
 */
public final class AreaInputs {
    private AreaInputs() {}

    /** On the network: the metrics in Ember's coded form ({@link org.ember.jobs.serial.AreaMetricsSerializer}). */
    public static final TypeInformation<Either<CountDelta, AreaMetrics>> NETWORK =
            new EitherTypeInfo<>(TypeInformation.of(CountDelta.class), org.ember.jobs.serial.AreaMetricsType.INFO);

    /**
     * In checkpoints (inputs waiting at a checkpoint, {@link org.ember.jobs.order.KeyedArrivalBuffer}):
     * Flink's record serializer, as the rule stage kept its waiting updates, not the network-only form.
     */
    public static final TypeInformation<Either<CountDelta, AreaMetrics>> STATE =
            new EitherTypeInfo<>(TypeInformation.of(CountDelta.class), TypeInformation.of(AreaMetrics.class));

    /**
     * The key both kinds share: {@link CountDelta#areaKey()} and {@link AreaMetrics#areaKey()} are
     * both {@code layer + ":" + areaId}, so a count change and a fusion update of one area meet in one
     * task under one key, as they met in the rule stage before.
     */
    public static String key(Either<CountDelta, AreaMetrics> input) {
        return input.isLeft() ? input.left().areaKey() : input.right().areaKey();
    }

    /**
     * The tie-break of one area's inputs that arrived at the same millisecond: count changes first
     * ({@link Canonical#COUNT_DELTAS}) then the other updates ({@link Canonical#AREA_METRICS}), because
     * the rule stage this stage replaces applied the counts' updates ("counts") before the fusion
     * stage's ("fusion") at one time. Stable, like every canonical order.
     */
    public static final Comparator<Either<CountDelta, AreaMetrics>> CANONICAL = (a, b) -> {
        if (a.isLeft() != b.isLeft()) {
            return a.isLeft() ? -1 : 1;
        }
        return a.isLeft() ? Canonical.COUNT_DELTAS.compare(a.left(), b.left())
                : Canonical.AREA_METRICS.compare(a.right(), b.right());
    };
}
