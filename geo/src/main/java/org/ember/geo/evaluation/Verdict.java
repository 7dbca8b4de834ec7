package org.ember.geo.evaluation;

/** What an evaluation can say, in the words the report uses. */
public enum Verdict {
    REDUCTION("fewer offences than expected: the interval excludes no effect"),
    INCREASE("more offences than expected: the interval excludes no effect"),
    NO_EVIDENCE_EITHER_WAY("no evidence either way: the interval includes no effect"),
    NOT_ESTIMATED("not estimated: the data cannot tell");

    public final String text;

    Verdict(String text) {
        this.text = text;
    }
}
