package org.ember.geo.hotspot;

/**
 * The Gi or Gi* result for one feature.
 *
 * @param z the standardised statistic (NaN when undefined: no neighbours, or no variance)
 * @param p two-sided normal p-value of z
 * @param pAdjusted Benjamini–Hochberg adjusted p-value when FDR was asked for, otherwise equal to p
 * @param bin confidence bin: ±3 (99%), ±2 (95%), ±1 (90%), 0 not significant; sign of z
 */
public record HotSpot(double z, double p, double pAdjusted, int bin) {}
