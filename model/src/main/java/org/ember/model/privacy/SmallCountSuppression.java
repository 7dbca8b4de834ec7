package org.ember.model.privacy;

import java.io.Serializable;
import java.util.OptionalLong;

/**
 * The small-number rule for figures shown beyond the people who need the detail (tasking meetings,
 * partner dashboards, exports): a count from 1 to {@code threshold − 1} could point at a person in a
 * small area, so it is shown only as "fewer than threshold". Zero reveals nobody and large counts
 * are not disclosive, so both are shown as they are.
 *
 * <p>Health statistics suppress 1–7 in sub-national outputs and ONS treats 1–2 as unsafe; Ember's
 * default of 5 sits between them and stays configurable per deployment (see DOMAIN.md,
 * Information governance).
 *
 * @param threshold the smallest count shown as it is; 1 turns suppression off
 */
public record SmallCountSuppression(int threshold) implements Serializable {

    public static final int DEFAULT_THRESHOLD = 5;

    public SmallCountSuppression {
        if (threshold < 1) {
            throw new IllegalArgumentException("suppression threshold must be at least 1 (1 = no suppression), got " + threshold);
        }
    }

    /** The rule with Ember's default threshold of {@value #DEFAULT_THRESHOLD}. */
    public static SmallCountSuppression byDefault() {
        return new SmallCountSuppression(DEFAULT_THRESHOLD);
    }

    /** Whether this count must be hidden. */
    public boolean suppresses(long count) {
        requireCount(count);
        return count >= 1 && count < threshold;
    }

    /** The count as it may be shown, or empty when it must be shown as "fewer than threshold". */
    public OptionalLong shown(long count) {
        return suppresses(count) ? OptionalLong.empty() : OptionalLong.of(count);
    }

    private static void requireCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative, got " + count);
        }
    }
}
