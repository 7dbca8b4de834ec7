package org.ember.geo.tension;

import java.io.Serializable;
import java.util.Objects;

/** A named tension level, reached when the score is at least {@code threshold}. */
public record TensionLevel(String name, double threshold) implements Serializable {
    public TensionLevel {
        Objects.requireNonNull(name, "name");
    }
}
