package org.ember.infra.cli.stats;

import org.ember.infra.cli.UserError;

/** Checks of numeric options, each failing with one line naming the option. */
final class OptionChecks {
    private OptionChecks() {}

    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserError(option + " must be a positive number, got " + value);
        }
        return value;
    }
}
