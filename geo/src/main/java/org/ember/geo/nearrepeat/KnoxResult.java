package org.ember.geo.nearrepeat;

/**
 * The Knox 2×2 table: pairs close in space and time, close in time only, close in space only, and
 * close in neither, each with its permutation expectation, ratio and p-value. The test of
 * space-time interaction is {@link #spaceAndTime()}.
 */
public record KnoxResult(double distance, double time, int permutations,
                         BandCell spaceAndTime, BandCell timeOnly, BandCell spaceOnly, BandCell neither) {}
