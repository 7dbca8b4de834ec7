package org.ember.infra.simulator;

/**
 * One row of a data.police.uk street-level crime file. Coordinates are null when police.uk
 * published none (the row's location could not be snapped to a map point).
 */
record PoliceUkRow(
        String crimeId,
        String month,
        String fallsWithin,
        Double longitude,
        Double latitude,
        String location,
        String lsoaCode,
        String lsoaName,
        String crimeType) {

    static final String VIOLENCE = "Violence and sexual offences";
    static final String WEAPONS = "Possession of weapons";
    static final String ROBBERY = "Robbery";
    static final String PUBLIC_ORDER = "Public order";

    boolean hasCoordinates() {
        return longitude != null && latitude != null;
    }

    /** Violence and robbery: the types that can leave a casualty for health services. */
    boolean violent() {
        return VIOLENCE.equals(crimeType) || ROBBERY.equals(crimeType);
    }
}
