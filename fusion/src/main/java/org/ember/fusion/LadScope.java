package org.ember.fusion;

import org.ember.geo.fusion.FusionSettings;

/**
 * What every layer of one local authority's analytics works on: its code, the task's shared
 * context, its state and caches, and where results go. One per call into {@link LadAnalytics}.
 */
record LadScope(String lad, FusionContext context, LadState state, LadCache cache, FusionOutputs out) {

    FusionSettings settings() {
        return context.settings();
    }

    LadMeta meta() {
        LadMeta meta = state.meta().get();
        return meta == null ? new LadMeta(Long.MIN_VALUE, -1) : meta;
    }

    /** The incidents in state by event time (task memory, rebuilt from state when missing). */
    TimeIndex eventTimes() {
        if (cache.eventTimes == null) {
            cache.eventTimes = TimeIndex.of(state.events());
        }
        return cache.eventTimes;
    }

    String ladKey() {
        String key = cache.areaKeys.get("lad"); // read first: the spelling lambda captures, so it was made at every call
        return key != null ? key : cache.areaKeys.computeIfAbsent("lad", k -> "lad:" + lad);
    }

    /** {@code lsoa:<code>}, spelt once per LSOA: these keys are hashed thousands of times an hour. */
    String lsoaKey(String lsoa) {
        return cache.areaKeys.computeIfAbsent(lsoa, k -> "lsoa:" + k);
    }
}
