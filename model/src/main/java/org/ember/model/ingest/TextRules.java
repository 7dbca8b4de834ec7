package org.ember.model.ingest;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Character-class scans for the string rules of the feed schemas, each accepting only text the
 * schema's rule (pattern, minLength, maxLength, enum) certainly accepts: a scan may refuse text the
 * schema allows (a trailing line break, which {@code $} lets through; a length counted in UTF-16
 * units where the schema counts code points), never the other way round. A refused text sends the
 * record down the checked path ({@link FeedParser}), so a scan that is too strict costs time, not
 * correctness. Each scan names the schema rule it stands for.
 */
final class TextRules {
    private TextRules() {}

    /** {@code ^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,127}$}, minLength 1, maxLength 128 (record ids, person references). */
    static boolean reference(String s) {
        int n = s.length();
        if (n < 1 || n > 128 || !letterOrDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '/' && c != '#' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[A-Za-z][A-Za-z ,&()/'-]{0,79}$}, minLength 1 (a police category). */
    static boolean policeCategory(String s) {
        int n = s.length();
        if (n < 1 || n > 80 || !letter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!letter(c) && c != ' ' && c != ',' && c != '&' && c != '(' && c != ')' && c != '/' && c != '\''
                    && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code ^([A-Za-z][A-Za-z ,&()/'-]{0,79})?$} (a closing category, may be empty). */
    static boolean policeCategoryOrEmpty(String s) {
        return s.isEmpty() || policeCategory(s);
    }

    /** {@code ^[EW]01[0-9]{6}$} (an LSOA code). */
    static boolean lsoaCode(String s) {
        if (s.length() != 9 || (s.charAt(0) != 'E' && s.charAt(0) != 'W') || s.charAt(1) != '0' || s.charAt(2) != '1') {
            return false;
        }
        for (int i = 3; i < 9; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[A-Z]{1,2}[0-9][0-9A-Z]?$} (a postcode district). */
    static boolean postcodeDistrict(String s) {
        int n = s.length();
        if (n < 2 || n > 4 || !upper(s.charAt(0))) {
            return false;
        }
        int i = upper(s.charAt(1)) ? 2 : 1;
        if (i >= n || !digit(s.charAt(i))) {
            return false;
        }
        i++;
        if (i < n && (digit(s.charAt(i)) || upper(s.charAt(i)))) {
            i++;
        }
        return i == n;
    }

    /** {@code ^[A-Za-z0-9]{1,8}$} (an A&amp;E or navigator site code; minLength 1 where the schema says so). */
    static boolean siteCode(String s) {
        int n = s.length();
        if (n < 1 || n > 8) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!letterOrDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[A-Za-z][A-Za-z_ -]{0,23}$}, minLength 1 (an intelligence report's tension level). */
    static boolean tensionLevel(String s) {
        int n = s.length();
        if (n < 1 || n > 24 || !letter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!letter(c) && c != '_' && c != ' ' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** maxLength {@code max} with no pattern: at most {@code max} UTF-16 units, hence at most that many code points. */
    static Predicate<String> atMost(int max) {
        return s -> s.length() <= max;
    }

    /** enum of strings. */
    static Predicate<String> oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return allowed::contains;
    }

    /**
     * A pattern of the form {@code ^…$} matched against the whole text: a whole match is also a
     * {@code find()} match, which is how the schema library applies it.
     */
    static Predicate<String> wholeMatch(String anchoredPattern) {
        if (!anchoredPattern.startsWith("^") || !anchoredPattern.endsWith("$")) {
            throw new IllegalArgumentException("pattern not anchored at both ends: " + anchoredPattern);
        }
        Pattern p = Pattern.compile(anchoredPattern);
        return s -> p.matcher(s).matches();
    }

    private static boolean letterOrDigit(char c) {
        return letter(c) || digit(c);
    }

    private static boolean letter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
