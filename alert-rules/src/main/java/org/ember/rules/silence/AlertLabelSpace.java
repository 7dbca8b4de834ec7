package org.ember.rules.silence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.rules.routing.Matcher;

/**
 * The labels Ember's alerts can carry, as a set of probe alerts, to tell whether matchers catch
 * every alert. Reading the pattern text cannot tell: {@code severity=~".+"} or
 * {@code alertname!="x"} look specific and match everything. Every alert has an alertname,
 * a severity (info, warning or critical), a layer and an area, usually a local authority; the
 * probes take each of those from their real vocabulary and from varied strings (seeded, so the
 * verdict is the same every time), and a set of matchers that holds for all of them is taken to
 * match every alert.
 */
public final class AlertLabelSpace {
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    private static final List<String> LAYERS = List.of("lsoa", "lad", "cell", "force");
    private static final List<String> SAMPLES = List.of("a", "Z", "0", "x-1", "weapon-3-in-24h", "W01001694",
            "W06000015", "E01000001", "E09000033", "250m:318000:176000", "knife crime", "Ünïcode ✓", "zz_top.9",
            "a".repeat(200), "!", "~", " ");
    private static final int RANDOM_PROBES = 200;
    private static final List<Map<String, String>> PROBES = probes();

    private AlertLabelSpace() {}

    /** Whether the matchers hold for every probe alert (so they would silence or route everything). */
    public static boolean matchesEveryAlert(List<Matcher> matchers) {
        for (Map<String, String> alert : PROBES) {
            if (!Matcher.all(matchers, alert)) {
                return false;
            }
        }
        return true;
    }

    /** The probe alerts (for tests and for the console's explanation). */
    public static List<Map<String, String>> probeAlerts() {
        return PROBES;
    }

    private static List<Map<String, String>> probes() {
        List<Map<String, String>> out = new ArrayList<>();
        for (String severity : SEVERITIES) {
            for (String layer : LAYERS) {
                for (String sample : SAMPLES) {
                    out.add(alert(sample, severity, layer, sample, sample));
                    out.add(alert(sample, severity, layer, sample, null));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(20_251_206L);
        for (int i = 0; i < RANDOM_PROBES; i++) {
            out.add(alert(randomText(random), SEVERITIES.get(random.nextInt(3)), LAYERS.get(random.nextInt(LAYERS.size())),
                    randomText(random), random.nextBoolean() ? randomText(random) : null));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> alert(String name, String severity, String layer, String area, String lad) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("severity", severity);
        labels.put("layer", layer);
        labels.put("area", area);
        if (lad != null) {
            labels.put("lad", lad);
        }
        return Map.copyOf(labels);
    }

    private static String randomText(SplittableRandom random) {
        int length = 1 + random.nextInt(24);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (0x21 + random.nextInt(0x7E - 0x21)));
        }
        return s.toString();
    }
}
