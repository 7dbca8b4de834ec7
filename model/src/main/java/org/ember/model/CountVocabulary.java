package org.ember.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed set of counts kept per area: every window × feed × category. Counts travel as a
 * {@code long[]} indexed here, which keeps them cheap in Flink state and on the wire of the job.
 */
public final class CountVocabulary {
    public static final List<String> WINDOWS = List.of("1h", "24h", "7d");
    public static final List<String> FEEDS = feedsWithAny();
    public static final List<String> CATEGORIES = IncidentCategory.ALL;
    public static final int SIZE = WINDOWS.size() * FEEDS.size() * CATEGORIES.size();

    private CountVocabulary() {}

    private static List<String> feedsWithAny() {
        List<String> feeds = new ArrayList<>();
        feeds.add("any");
        for (Feed feed : Feed.values()) {
            feeds.add(feed.code());
        }
        return List.copyOf(feeds);
    }

    public static int index(String window, String feed, String category) {
        int w = indexOf(WINDOWS, window, "window");
        int f = indexOf(FEEDS, feed, "feed");
        int c = indexOf(CATEGORIES, category, "category");
        return (w * FEEDS.size() + f) * CATEGORIES.size() + c;
    }

    public static boolean isWindow(String window) {
        return WINDOWS.contains(window);
    }

    public static Duration windowLength(String window) {
        return switch (window) {
            case "1h" -> Duration.ofHours(1);
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> throw new IllegalArgumentException("unknown window '" + window + "', expected one of " + WINDOWS);
        };
    }

    /** The longest window: how long an hour's counts must be kept. */
    public static Duration longestWindow() {
        return Duration.ofDays(7);
    }

    /** Human-readable name of a count, e.g. {@code count{window=24h,feed=any,category=weapon}}. */
    public static String name(String window, String feed, String category) {
        return "count{window=" + window + ",feed=" + feed + ",category=" + category + "}";
    }

    private static int indexOf(List<String> values, String value, String what) {
        int i = values.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("unknown " + what + " '" + value + "', expected one of " + values);
        }
        return i;
    }
}
