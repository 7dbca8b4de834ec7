package org.ember.rules.testing;

import java.util.List;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;

/** Rule files written inline in tests. */
public final class Yaml {
    private Yaml() {}

    /** Loads one inline file named {@code rules.yaml}, checked against {@link TestAreas}. */
    public static RuleSet rules(String yaml) {
        try {
            return new RuleFileLoader(new TestAreas()).load(List.of(new SourceFile("rules.yaml", yaml)), 0);
        } catch (RuleFileException e) {
            throw new AssertionError("test rules do not load:\n" + e.getMessage(), e);
        }
    }

    /** The problems of one inline file. */
    public static List<String> problems(String yaml) {
        return new RuleFileLoader(new TestAreas()).check(List.of(new SourceFile("rules.yaml", yaml)), 0).problems().stream()
                .map(Object::toString).toList();
    }
}
