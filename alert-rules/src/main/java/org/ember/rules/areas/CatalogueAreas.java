package org.ember.rules.areas;

import java.util.Collection;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.ember.rules.AreaNames;

/**
 * Area names and codes from the deployment's boundary catalogue. Cells (ids like
 * {@code 250m:636:177}) are named by their id and belong to no single local authority.
 */
public final class CatalogueAreas implements AreaNames, KnownAreas {
    private final AreaCatalogue catalogue;

    public CatalogueAreas(AreaCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The boundary catalogue behind these names (to place partner records, for example). */
    public AreaCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public String areaName(String layer, String areaId) {
        if (Area.LAD.equals(layer)) {
            return catalogue.ladName(areaId);
        }
        if (Area.LSOA.equals(layer)) {
            return catalogue.lsoa(areaId).map(Area::name).orElse(areaId);
        }
        return areaId;
    }

    @Override
    public String lad(String layer, String areaId) {
        if (Area.LAD.equals(layer)) {
            return areaId;
        }
        if (Area.LSOA.equals(layer)) {
            return ladOf(areaId);
        }
        return null;
    }

    @Override
    public boolean isLsoa(String code) {
        return catalogue.lsoas().containsKey(code);
    }

    @Override
    public boolean isLad(String code) {
        return catalogue.coverage().covers(code);
    }

    @Override
    public Collection<String> lsoas() {
        return catalogue.lsoas().keySet();
    }

    @Override
    public String ladOf(String lsoa) {
        Area area = catalogue.lsoas().get(lsoa);
        return area == null ? null : area.parentCode();
    }
}
