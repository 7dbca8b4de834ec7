package org.ember.fusion;

import org.ember.geo.risk.RiskSignal;

/**
 * A risk signal on its way to the local authority that must hold it: the incident's own, a
 * neighbouring one its near-repeat risk reaches, or a rival area's.
 *
 * @param targetLad local authority whose analytics receive it (the key)
 * @param active    false retracts the signal with the same id (the incident was cancelled or is no longer serious)
 * @param signal    the signal
 */
public record FusionSignal(String targetLad, boolean active, RiskSignal signal) {}
