package org.ember.model.privacy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what looks like a personal identifier from text that is not meant to carry one: e-mail
 * addresses, NHS numbers, telephone numbers, full postcodes, plus HTML and spreadsheet-formula
 * openings, control and bidirectional-override characters. Names cannot be recognised reliably and
 * are not attempted: fields that could carry them are closed by patterns instead (see the feed
 * schemas), and free text is kept only where it is the substance (intelligence reports).
 *
 * <p>Every pattern is linear (no nested quantifiers) and the input is cut before matching, so
 * scrubbing is bounded work.
 */
public final class PersonalDataScrubber {
    /** Input beyond this is cut before any pattern runs. */
    public static final int MAX_INPUT = 8192;

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("<[^<>]{0,500}>"), " "),
            new Rule(Pattern.compile("&#?[A-Za-z0-9]{1,10};"), " "),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}"), "[email]"),
            new Rule(Pattern.compile("(?i)\\b[A-Z]{1,2}[0-9][A-Z0-9]?\\s{0,2}[0-9][A-Z]{2}\\b"), "[postcode]"),
            // NHS numbers (3-3-4) and UK telephone numbers (+44 or 0 then 9–10 digits), spaced or not;
            // any longer run of digits is masked too, since nothing in free text needs one.
            new Rule(Pattern.compile("(?:\\+\\s?44\\s?(?:\\(0\\))?\\s?)?(?:\\d[\\s().-]{0,2}){6,}\\d"), "[number]"),
            new Rule(Pattern.compile("[<>]"), " "));

    private PersonalDataScrubber() {}

    /** The text with identifiers replaced by their kind in brackets, control characters removed; null stays null. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = withoutControlCharacters(text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text);
        for (Rule rule : RULES) {
            s = rule.pattern().matcher(s).replaceAll(rule.replacement());
        }
        s = s.replaceAll("\\s{2,}", " ").strip();
        // A cell starting with = + - @ is a formula to a spreadsheet that opens an export.
        while (!s.isEmpty() && "=+-@\t".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1).stripLeading();
        }
        return s;
    }

    /** Whether the text holds something {@link #scrub} would replace. */
    public static boolean looksPersonal(String text) {
        return text != null && !scrub(text).equals(text.strip());
    }

    /**
     * Drops C0/C1 control characters (line breaks become spaces), bidirectional overrides and
     * isolates, zero-width characters and unpaired surrogates.
     */
    public static String withoutControlCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                continue;
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (!unsafe(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || (c >= '\u200B' && c <= '\u200F')
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\uFEFF';
    }
}
