package org.ember.infra.simulator;

import java.time.Instant;

/**
 * What really happened, as far as the simulation knows: one assault at a police.uk map point.
 * Partner records that report it carry its {@code truthId} so that linkage can be scored.
 *
 * @param truthId   police.uk Crime ID, or {@code H-<yyyyMM>-<n>} for an assault never reported to police
 * @param time      when it happened
 * @param lon       WGS84 longitude of the police.uk map point
 * @param lat       WGS84 latitude of the police.uk map point
 * @param lsoaCode  LSOA code of the map point, or null
 * @param place     police.uk location text ("On or near …"), or null
 * @param weapon    knife or firearm involved
 */
record Assault(String truthId, Instant time, double lon, double lat, String lsoaCode, String place, Weapon weapon) {

    enum Weapon {
        NONE,
        KNIFE,
        FIREARM;

        boolean armed() {
            return this != NONE;
        }
    }
}
