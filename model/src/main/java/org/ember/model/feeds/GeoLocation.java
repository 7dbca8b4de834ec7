package org.ember.model.feeds;

/**
 * Where a partner says something happened. Partners send one of: WGS84 longitude/latitude,
 * British National Grid easting/northing, or only an area code (2011 or 2021 LSOA, or a postcode
 * district). Any combination is accepted; placement uses the most precise one present.
 */
public record GeoLocation(
        Double lon, Double lat, Double easting, Double northing, String lsoaCode, String postcodeDistrict) {

    public static GeoLocation wgs84(double lon, double lat) {
        return new GeoLocation(lon, lat, null, null, null, null);
    }

    public static GeoLocation britishNationalGrid(double easting, double northing) {
        return new GeoLocation(null, null, easting, northing, null, null);
    }

    public static GeoLocation lsoa(String code) {
        return new GeoLocation(null, null, null, null, code, null);
    }

    public static GeoLocation postcodeDistrict(String district) {
        return new GeoLocation(null, null, null, null, null, district);
    }

    public boolean hasLonLat() {
        return lon != null && lat != null;
    }

    public boolean hasGridReference() {
        return easting != null && northing != null;
    }
}
