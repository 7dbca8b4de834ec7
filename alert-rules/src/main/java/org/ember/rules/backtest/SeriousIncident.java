package org.ember.rules.backtest;

/**
 * A report that counts as the serious violence a rule should warn of, for scoring backtests.
 *
 * @param lsoa      the LSOA it happened in, or null when only the local authority is known
 * @param lad       its local authority
 * @param eventTime when it happened, epoch milliseconds
 */
public record SeriousIncident(String lsoa, String lad, long eventTime) {}
