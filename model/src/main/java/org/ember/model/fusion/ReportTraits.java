package org.ember.model.fusion;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts the fusion stage needs that an {@link org.ember.model.Incident} carries only in its
 * {@code detail} line (written by {@link org.ember.model.ingest.FeedParser}): the ambulance
 * response category and complaint, the A&E assault method, the grading and tension level of an
 * intelligence report, a navigator event's type and risk level. Read back here, next to the parser
 * that writes them, and tested against it.
 *
 * @param responseCategory ambulance response category 1–4, 0 if not an ambulance record or not given
 * @param complaint        ambulance complaint code, e.g. 27
 * @param assaultMethod    A&E assault method, e.g. knife_sharp
 * @param grading          intelligence grading: evidenced, experienced or potential
 * @param tensionLevel     intelligence tension level on the force's scale, lower case
 * @param navigatorEvent   navigator event type, e.g. risk_assessment
 * @param navigatorRisk    navigator risk level, or null
 */
public record ReportTraits(int responseCategory, String complaint, String assaultMethod, String grading,
        String tensionLevel, String navigatorEvent, String navigatorRisk) {

    private static final ReportTraits NONE = new ReportTraits(0, null, null, null, null, null, null);
    private static final Pattern AMBULANCE = Pattern.compile("ambulance: (\\S+) (.*), category (\\S+)");
    private static final Pattern AE = Pattern.compile("A&E [^:]*: ([^,]+)(?:, at .*)?");
    private static final Pattern INTEL = Pattern.compile("intel \\(([^,]*), tension ([^)]*)\\).*", Pattern.DOTALL);
    private static final Pattern NAVIGATOR = Pattern.compile("navigator: ([^,]+)(?:, risk (.*))?");

    public static ReportTraits of(String feed, String detail) {
        if (detail == null) {
            return NONE;
        }
        Matcher m;
        switch (feed) {
            case "ambulance" -> {
                m = AMBULANCE.matcher(detail);
                if (m.matches()) {
                    int category = m.group(3).matches("[1-4]") ? Integer.parseInt(m.group(3)) : 0;
                    return new ReportTraits(category, m.group(2).trim(), null, null, null, null, null);
                }
            }
            case "ae" -> {
                m = AE.matcher(detail);
                if (m.matches()) {
                    return new ReportTraits(0, null, snake(m.group(1)), null, null, null, null);
                }
            }
            case "intel" -> {
                m = INTEL.matcher(detail);
                if (m.matches()) {
                    return new ReportTraits(0, null, null, lower(m.group(1)), lower(m.group(2)), null, null);
                }
            }
            case "navigator" -> {
                m = NAVIGATOR.matcher(detail);
                if (m.matches()) {
                    return new ReportTraits(0, null, null, null, null, snake(m.group(1)), lower(m.group(2)));
                }
            }
            default -> {
                return NONE;
            }
        }
        return NONE;
    }

    /** An ambulance call-out for stab, gunshot or penetrating trauma (AMPDS protocol 27, or Pathways wording). */
    public boolean penetrating() {
        if (complaint == null) {
            return false;
        }
        String c = complaint.toLowerCase(Locale.ROOT);
        return c.startsWith("27") || c.contains("stab") || c.contains("gunshot") || c.contains("penetrating");
    }

    private static String snake(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static String lower(String text) {
        return text == null || "null".equals(text.trim()) ? null : text.trim().toLowerCase(Locale.ROOT);
    }
}
