package org.ember.geo.risk;

/**
 * Something that raises (or, for reassuring intelligence, lowers) risk in an area for a while.
 *
 * @param id       stable id; a newer signal with the same id replaces the older
 * @param kind     {@link #NEAR_REPEAT}, {@link #RIVALRY}, {@link #INTEL} or {@link #NAVIGATOR}
 * @param area     for near-repeat the LSOA of the incident; for rivalry the area that receives the
 *                 risk; for intelligence and navigator events the LSOA (or local authority) they are placed in
 * @param lad      local authority of {@code area} (for a local authority: itself)
 * @param time     when it happened, epoch milliseconds
 * @param x        British National Grid easting of a near-repeat incident (unused by other kinds)
 * @param y        British National Grid northing
 * @param value    its weight when fresh (negative for intelligence that lowers tension)
 * @param detail   short reason for duty officers, e.g. "weapon, young victim"
 * @param incident the linked incident or report it comes from
 */
public record RiskSignal(
        String id, String kind, String area, String lad, long time, double x, double y, double value, String detail,
        String incident) {

    public static final String NEAR_REPEAT = "near_repeat";
    public static final String RIVALRY = "rivalry";
    public static final String INTEL = "intel";
    public static final String NAVIGATOR = "navigator";
}
