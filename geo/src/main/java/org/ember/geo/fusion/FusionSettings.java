package org.ember.geo.fusion;

import java.io.Serializable;
import java.util.Objects;
import org.ember.geo.layers.HotspotSettings;
import org.ember.geo.layers.SeasonalSettings;
import org.ember.geo.linkage.LinkageSettings;
import org.ember.geo.risk.RiskSettings;
import org.ember.geo.tension.TensionSettings;

/**
 * Everything the multi-agency fusion stage is configured by: linkage windows, hot-spot layers,
 * seasonal exceedance, near-repeat/retaliation/intelligence risk and tension scoring. Defaults
 * from {@link #defaults()}; a deployment changes what it needs with the {@code with…} methods.
 */
public record FusionSettings(
        LinkageSettings linkage,
        HotspotSettings hotspots,
        SeasonalSettings seasonal,
        RiskSettings risk,
        TensionSettings tension) implements Serializable {

    public FusionSettings {
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(hotspots, "hotspots");
        Objects.requireNonNull(seasonal, "seasonal");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(tension, "tension");
    }

    public static FusionSettings defaults() {
        return new FusionSettings(LinkageSettings.defaults(), HotspotSettings.defaults(), SeasonalSettings.defaults(),
                RiskSettings.defaults(), TensionSettings.defaults());
    }

    public FusionSettings withLinkage(LinkageSettings newLinkage) {
        return new FusionSettings(newLinkage, hotspots, seasonal, risk, tension);
    }

    public FusionSettings withHotspots(HotspotSettings newHotspots) {
        return new FusionSettings(linkage, newHotspots, seasonal, risk, tension);
    }

    public FusionSettings withSeasonal(SeasonalSettings newSeasonal) {
        return new FusionSettings(linkage, hotspots, newSeasonal, risk, tension);
    }

    public FusionSettings withRisk(RiskSettings newRisk) {
        return new FusionSettings(linkage, hotspots, seasonal, newRisk, tension);
    }

    public FusionSettings withTension(TensionSettings newTension) {
        return new FusionSettings(linkage, hotspots, seasonal, risk, newTension);
    }
}
