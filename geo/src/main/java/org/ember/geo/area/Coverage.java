package org.ember.geo.area;

import java.io.Serializable;
import java.util.List;

/**
 * The local authorities a deployment covers. Events placed outside them are dead-lettered: a VRU's
 * data-sharing agreement covers its own area only.
 */
public record Coverage(String name, List<String> ladCodes) implements Serializable {

    /** South Wales Police force area (Cardiff, Swansea, Bridgend, Vale of Glamorgan, RCT, Merthyr, Neath Port Talbot). */
    public static final List<String> SOUTH_WALES =
            List.of("W06000011", "W06000012", "W06000013", "W06000014", "W06000015", "W06000016", "W06000024");
    /** Gwent Police force area (Blaenau Gwent, Caerphilly, Monmouthshire, Newport, Torfaen). */
    public static final List<String> GWENT = List.of("W06000018", "W06000019", "W06000020", "W06000021", "W06000022");

    public Coverage {
        ladCodes = List.copyOf(ladCodes);
    }

    /** The default demo deployment: the South Wales and Gwent force areas, as the Wales VRU covers. */
    public static Coverage southWalesAndGwent() {
        return new Coverage("south-wales-gwent",
                java.util.stream.Stream.concat(SOUTH_WALES.stream(), GWENT.stream()).toList());
    }

    public boolean covers(String ladCode) {
        return ladCodes.contains(ladCode);
    }
}
