package org.ember.rules;

/**
 * What the evaluator remembers of one rule on one area between evaluations: only whether it fires
 * and since when. An area with no firing rule keeps nothing.
 *
 * @param episodeStart event time the condition began to hold, epoch milliseconds
 * @param lastValue    the count at the latest evaluation
 */
public record AlertState(long episodeStart, long lastValue) {}
