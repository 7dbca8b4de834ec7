package org.ember.infra.cli.stats;

import org.ember.infra.cli.UserError;

/** Parses a comma-separated list of numbers given to an option, e.g. {@code --extent 0,0,10,10}. */
final class NumberListOption {
    private NumberListOption() {}

    static double[] parse(String text, String flag) {
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            try {
                values[i] = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                throw new UserError(flag + ": '" + part + "' is not a number (expected numbers separated by commas)");
            }
            if (!Double.isFinite(values[i])) {
                throw new UserError(flag + ": '" + part + "' is not a finite number");
            }
        }
        return values;
    }
}
