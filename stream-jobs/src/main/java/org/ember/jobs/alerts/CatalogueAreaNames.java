package org.ember.jobs.alerts;

import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.ember.rules.AreaNames;

/** Area names from the deployment's boundary catalogue. */
public final class CatalogueAreaNames implements AreaNames {
    private final AreaCatalogue catalogue;

    public CatalogueAreaNames(AreaCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public String areaName(String layer, String areaId) {
        if ("lad".equals(layer)) {
            return catalogue.ladName(areaId);
        }
        return catalogue.lsoa(areaId).map(Area::name).orElse(areaId);
    }

    @Override
    public String lad(String layer, String areaId) {
        if ("lad".equals(layer)) {
            return areaId;
        }
        return catalogue.lsoa(areaId).map(Area::parentCode).orElse(null);
    }
}
