package org.ember.infra.simulator;

import java.time.YearMonth;
import java.util.List;

/**
 * Every knob of the feed simulator. {@link #defaults()} gives the documented demo values (see
 * {@code docs/simulator.md}); each share is a probability in [0, 1]. "Violent" below means the
 * police.uk types <em>Violence and sexual offences</em> and <em>Robbery</em>: the ones that can leave
 * a casualty for the ambulance service or an emergency department.
 *
 * @param seed                         seed of every random draw; same seed, same settings, same data → same bytes
 * @param from                         first simulated month (default 2025-01)
 * @param to                           last simulated month, inclusive (default 2025-12)
 * @param forces                       police.uk force folders to replay, in this order (the deployment's; none by default)
 * @param knifeShare                   share of violent incidents flagged knife or sharp instrument (default 0.06)
 * @param firearmShare                 share of violent incidents flagged firearm (default 0.003); never both flags
 * @param policeUpdateShare            share of police incidents re-sent as version 2 with a changed closing
 *                                     category, 2–48 h later (default 0.08)
 * @param policeCancelShare            share of police incidents cancelled (version 2, status cancelled), 1–24 h
 *                                     later (default 0.02); exclusive of updates
 * @param ambulanceShare               share of violent police incidents with an ambulance call-out (default 0.20)
 * @param ambulanceShareWeapon         the same when a knife or firearm was flagged (default 0.60)
 * @param ambulanceConveyedShare       share of call-outs that convey the patient (default 0.65)
 * @param ambulanceConveyedShareWeapon the same for stab/gunshot call-outs (default 0.90)
 * @param aeShare                      share of violent police incidents with an A&amp;E attendance (default 0.15)
 * @param aeShareWeapon                the same when a knife or firearm was flagged (default 0.50)
 * @param aeLonLatShare                share of A&amp;E attendances located by lon/lat instead of LSOA code (default 0.20)
 * @param healthOnlyPerPoliceViolence  assaults seen only by health per replayed police violence row (default 0.40,
 *                                     i.e. 4 for every 10)
 * @param healthOnlyAmbulanceOnlyShare share of health-only assaults seen by the ambulance service only (default 0.30)
 * @param healthOnlyAeOnlyShare        share seen by A&amp;E only (default 0.40); the rest (0.30) are seen by both
 * @param navigatorShareUnder25        share of A&amp;E attendances of 10–24 year olds referred to a navigator (default 0.25)
 * @param navigatorOfferAcceptedShare  share of approached young people who accept the offer (default 0.65)
 * @param intelReportsPerDay           mean community intelligence reports per simulated day, whole area (default 2)
 * @param malformedShare               share of all records sent malformed instead of valid (default 0.005)
 * @param ageBands                     victim age bands, skewed to 15–34 (ambulance, A&amp;E, navigator)
 * @param sexes                        victim sex as recorded by the ambulance service
 * @param unarmedAssaultMethods        A&amp;E assault method when no knife or firearm was flagged
 * @param addressLocationTypes         A&amp;E location type when the police.uk map point is a street, not a named place
 * @param intelGradings                grading of intelligence reports
 * @param tensionLevels                tension level of intelligence reports
 * @param navigatorRiskLevels          risk level found at a navigator's risk assessment (high also triggers a
 *                                     safeguarding referral)
 */
public record SimulationSettings(
        long seed,
        YearMonth from,
        YearMonth to,
        List<String> forces,
        double knifeShare,
        double firearmShare,
        double policeUpdateShare,
        double policeCancelShare,
        double ambulanceShare,
        double ambulanceShareWeapon,
        double ambulanceConveyedShare,
        double ambulanceConveyedShareWeapon,
        double aeShare,
        double aeShareWeapon,
        double aeLonLatShare,
        double healthOnlyPerPoliceViolence,
        double healthOnlyAmbulanceOnlyShare,
        double healthOnlyAeOnlyShare,
        double navigatorShareUnder25,
        double navigatorOfferAcceptedShare,
        double intelReportsPerDay,
        double malformedShare,
        Distribution ageBands,
        Distribution sexes,
        Distribution unarmedAssaultMethods,
        Distribution addressLocationTypes,
        Distribution intelGradings,
        Distribution tensionLevels,
        Distribution navigatorRiskLevels) {

    public static final long DEFAULT_SEED = 42;
    public static final YearMonth DEFAULT_FROM = YearMonth.of(2025, 1);
    public static final YearMonth DEFAULT_TO = YearMonth.of(2025, 12);
    /** None: the police folders come from the deployment file ({@code simulator.police}). */
    public static final List<String> DEFAULT_FORCES = List.of();

    public SimulationSettings {
        forces = List.copyOf(forces);
        if (from == null || to == null || from.isAfter(to)) {
            throw new IllegalArgumentException("the first month (" + from + ") must not be after the last (" + to + ")");
        }
        for (String force : forces) {
            if (!force.matches("[a-z0-9_-]+")) {
                throw new IllegalArgumentException("force '" + force + "' is not a police.uk folder name like avon-and-somerset");
            }
        }
        requireShare("knife share", knifeShare);
        requireShare("firearm share", firearmShare);
        requireShare("knife + firearm share", knifeShare + firearmShare);
        requireShare("police update share", policeUpdateShare);
        requireShare("police cancel share", policeCancelShare);
        requireShare("police update + cancel share", policeUpdateShare + policeCancelShare);
        requireShare("ambulance share", ambulanceShare);
        requireShare("ambulance share (weapon)", ambulanceShareWeapon);
        requireShare("ambulance conveyed share", ambulanceConveyedShare);
        requireShare("ambulance conveyed share (weapon)", ambulanceConveyedShareWeapon);
        requireShare("A&E share", aeShare);
        requireShare("A&E share (weapon)", aeShareWeapon);
        requireShare("A&E lon/lat share", aeLonLatShare);
        requireShare("health-only ambulance-only share", healthOnlyAmbulanceOnlyShare);
        requireShare("health-only A&E-only share", healthOnlyAeOnlyShare);
        requireShare("health-only ambulance-only + A&E-only share", healthOnlyAmbulanceOnlyShare + healthOnlyAeOnlyShare);
        requireShare("navigator share", navigatorShareUnder25);
        requireShare("navigator offer accepted share", navigatorOfferAcceptedShare);
        requireShare("malformed share", malformedShare);
        requireRate("health-only assaults per police violence row", healthOnlyPerPoliceViolence);
        requireRate("intelligence reports per day", intelReportsPerDay);
        for (Distribution d : List.of(ageBands, sexes, unarmedAssaultMethods, addressLocationTypes, intelGradings, tensionLevels,
                navigatorRiskLevels)) {
            if (d == null) {
                throw new IllegalArgumentException("every distribution must be given");
            }
        }
    }

    /** The documented demo defaults (docs/simulator.md). */
    public static SimulationSettings defaults() {
        return new SimulationSettings(
                DEFAULT_SEED, DEFAULT_FROM, DEFAULT_TO, DEFAULT_FORCES,
                0.06, 0.003,
                0.08, 0.02,
                0.20, 0.60, 0.65, 0.90,
                0.15, 0.50, 0.20,
                0.40, 0.30, 0.40,
                0.25, 0.65,
                2.0,
                0.005,
                // Victims of violence seen by health are mostly young adults (ISTV and ambulance studies
                // put the peak at 18-34); the demo needs enough under-25s for the navigator feed.
                Distribution.of("0-9", 1, "10-14", 3, "15-17", 9, "18-24", 27, "25-34", 26,
                        "35-44", 16, "45-54", 10, "55-64", 5, "65+", 2, "unknown", 1),
                Distribution.of("male", 70, "female", 28, "unknown", 2),
                Distribution.of("body_part", 65, "blunt_object", 22, "bottle_glass", 13),
                Distribution.of("street", 45, "home", 40, "other", 10, "unknown", 5),
                Distribution.of("evidenced", 25, "experienced", 35, "potential", 40),
                Distribution.of("low", 40, "medium", 35, "high", 20, "critical", 5),
                Distribution.of("low", 40, "medium", 40, "high", 20));
    }

    public SimulationSettings withSeed(long newSeed) {
        return new SimulationSettings(newSeed, from, to, forces, knifeShare, firearmShare, policeUpdateShare,
                policeCancelShare, ambulanceShare, ambulanceShareWeapon, ambulanceConveyedShare,
                ambulanceConveyedShareWeapon, aeShare, aeShareWeapon, aeLonLatShare, healthOnlyPerPoliceViolence,
                healthOnlyAmbulanceOnlyShare, healthOnlyAeOnlyShare, navigatorShareUnder25,
                navigatorOfferAcceptedShare, intelReportsPerDay, malformedShare, ageBands, sexes,
                unarmedAssaultMethods, addressLocationTypes, intelGradings, tensionLevels, navigatorRiskLevels);
    }

    public SimulationSettings withMonths(YearMonth newFrom, YearMonth newTo) {
        return new SimulationSettings(seed, newFrom, newTo, forces, knifeShare, firearmShare, policeUpdateShare,
                policeCancelShare, ambulanceShare, ambulanceShareWeapon, ambulanceConveyedShare,
                ambulanceConveyedShareWeapon, aeShare, aeShareWeapon, aeLonLatShare, healthOnlyPerPoliceViolence,
                healthOnlyAmbulanceOnlyShare, healthOnlyAeOnlyShare, navigatorShareUnder25,
                navigatorOfferAcceptedShare, intelReportsPerDay, malformedShare, ageBands, sexes,
                unarmedAssaultMethods, addressLocationTypes, intelGradings, tensionLevels, navigatorRiskLevels);
    }

    public SimulationSettings withForces(List<String> newForces) {
        return new SimulationSettings(seed, from, to, newForces, knifeShare, firearmShare, policeUpdateShare,
                policeCancelShare, ambulanceShare, ambulanceShareWeapon, ambulanceConveyedShare,
                ambulanceConveyedShareWeapon, aeShare, aeShareWeapon, aeLonLatShare, healthOnlyPerPoliceViolence,
                healthOnlyAmbulanceOnlyShare, healthOnlyAeOnlyShare, navigatorShareUnder25,
                navigatorOfferAcceptedShare, intelReportsPerDay, malformedShare, ageBands, sexes,
                unarmedAssaultMethods, addressLocationTypes, intelGradings, tensionLevels, navigatorRiskLevels);
    }

    public SimulationSettings withMalformedShare(double newMalformedShare) {
        return new SimulationSettings(seed, from, to, forces, knifeShare, firearmShare, policeUpdateShare,
                policeCancelShare, ambulanceShare, ambulanceShareWeapon, ambulanceConveyedShare,
                ambulanceConveyedShareWeapon, aeShare, aeShareWeapon, aeLonLatShare, healthOnlyPerPoliceViolence,
                healthOnlyAmbulanceOnlyShare, healthOnlyAeOnlyShare, navigatorShareUnder25,
                navigatorOfferAcceptedShare, intelReportsPerDay, newMalformedShare, ageBands, sexes,
                unarmedAssaultMethods, addressLocationTypes, intelGradings, tensionLevels, navigatorRiskLevels);
    }

    /** Share of health-only assaults seen by both the ambulance service and A&amp;E. */
    public double healthOnlyBothShare() {
        return 1.0 - healthOnlyAmbulanceOnlyShare - healthOnlyAeOnlyShare;
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1.0 + 1e-12)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
    }
}
