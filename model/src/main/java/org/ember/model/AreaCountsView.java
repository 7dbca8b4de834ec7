package org.ember.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The readable form of {@link AreaCounts} published on {@code ember.hotspots}: totals for each
 * window and the last 24 hours broken down by category and by feed. Consumers (the console, other
 * partners' dashboards) read this; the full vector stays inside the job.
 *
 * @param type           always "area_counts" (the topic will carry other kinds of update)
 * @param layer          "lsoa" or "lad"
 * @param areaId         area code
 * @param asOf           event time the counts hold at, epoch milliseconds
 * @param count1h        reports in the last hour
 * @param count24h       reports in the last 24 hours
 * @param count7d        reports in the last 7 days
 * @param byCategory24h  last 24 hours by category (zero entries left out), in name order
 * @param byFeed24h      last 24 hours by feed (zero entries left out), in name order
 */
public record AreaCountsView(
        String type,
        String layer,
        String areaId,
        long asOf,
        long count1h,
        long count24h,
        long count7d,
        Map<String, Long> byCategory24h,
        Map<String, Long> byFeed24h) {

    public static final String TYPE = "area_counts";
    /** Categories and feeds in name order: the order Ember's JSON writes map keys in ({@code Json}). */
    private static final java.util.List<String> CATEGORIES_BY_NAME = CountVocabulary.CATEGORIES.stream().sorted().toList();
    private static final java.util.List<String> FEEDS_BY_NAME = CountVocabulary.FEEDS.stream().sorted().toList();

    public static AreaCountsView of(AreaCounts counts) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (String category : CATEGORIES_BY_NAME) {
            long n = counts.count("24h", "any", category);
            if (n > 0 && !IncidentCategory.ANY.equals(category)) {
                byCategory.put(category, n);
            }
        }
        Map<String, Long> byFeed = new LinkedHashMap<>();
        for (String feed : FEEDS_BY_NAME) {
            long n = counts.count("24h", feed, "any");
            if (n > 0 && !"any".equals(feed)) {
                byFeed.put(feed, n);
            }
        }
        return new AreaCountsView(TYPE, counts.layer(), counts.areaId(), counts.asOf(),
                counts.count("1h", "any", "any"), counts.count("24h", "any", "any"), counts.count("7d", "any", "any"),
                byCategory, byFeed);
    }
}
