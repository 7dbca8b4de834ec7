package org.ember.geo.area;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The local authorities a deployment covers and the files their areas are read from. Events placed
 * outside them are dead-lettered: a VRU's data-sharing agreement covers its own area only. Built by
 * a deployment file; no force is named in code.
 */
public record Coverage(String name, List<String> ladCodes, AreaSources sources) implements Serializable {

    public Coverage {
        ladCodes = List.copyOf(ladCodes);
        Objects.requireNonNull(sources, "sources");
    }

    public boolean covers(String ladCode) {
        return ladCodes.contains(ladCode);
    }
}
