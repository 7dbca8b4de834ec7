package org.ember.rules.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ember.rules.AreaNames;
import org.ember.rules.areas.KnownAreas;

/** A tiny deployment for tests: two Cardiff LSOAs, one Swansea LSOA. */
public final class TestAreas implements AreaNames, KnownAreas {
    public static final String CARDIFF = "W06000015";
    public static final String SWANSEA = "W06000011";
    public static final String CATHAYS = "W01001876";
    public static final String BUTETOWN = "W01001694";
    public static final String CASTLE = "W01000860";

    private static final Map<String, String> LAD_OF = Map.of(CATHAYS, CARDIFF, BUTETOWN, CARDIFF, CASTLE, SWANSEA);
    private static final Map<String, String> NAMES = Map.of(CATHAYS, "Cardiff 032A", BUTETOWN, "Cardiff 036B",
            CASTLE, "Swansea 024C", CARDIFF, "Cardiff", SWANSEA, "Swansea");

    @Override
    public String areaName(String layer, String areaId) {
        return NAMES.getOrDefault(areaId, areaId);
    }

    @Override
    public String lad(String layer, String areaId) {
        return "lad".equals(layer) ? areaId : LAD_OF.get(areaId);
    }

    @Override
    public boolean isLsoa(String code) {
        return LAD_OF.containsKey(code);
    }

    @Override
    public boolean isLad(String code) {
        return CARDIFF.equals(code) || SWANSEA.equals(code);
    }

    @Override
    public Collection<String> lsoas() {
        return List.of(BUTETOWN, CATHAYS, CASTLE);
    }

    @Override
    public String ladOf(String lsoa) {
        return LAD_OF.get(lsoa);
    }
}
