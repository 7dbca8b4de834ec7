package org.ember.infra.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.model.Feed;
import org.ember.model.feeds.AeAttendance;
import org.ember.model.feeds.AmbulanceCallout;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.NavigatorEvent;

/**
 * The health side of an assault: the ambulance call-out, the A&amp;E attendance and, for young
 * people, the navigator's case events that follow the attendance.
 */
final class HealthReports {
    /** The earliest an ambulance call comes before the recorded incident time (the police logged it later). */
    static final Duration CALL_LEAD = Duration.ofMinutes(10);
    static final Duration CALL_LAG = Duration.ofMinutes(15);
    /** Ambulance locations are the scene, recorded automatically: the map point moved by up to this much. */
    static final double JITTER_METRES = 49.0;
    static final Duration ASSAULT_TIME_ERROR = Duration.ofMinutes(20);
    static final Duration MIN_ARRIVAL_DELAY = Duration.ofMinutes(30);
    static final Duration MAX_ARRIVAL_DELAY = Duration.ofHours(6);
    static final Set<String> NAVIGATOR_AGE_BANDS = Set.of("10-14", "15-17", "18-24");
    private static final String PLACE_PREFIX = "On or near ";
    private static final Pattern LSOA_CODE = Pattern.compile("[EW]01[0-9]{6}");
    private static final int MAX_DESCRIPTION = 200;

    private final SimulationSettings settings;
    private final MonthBatch batch;
    private final SimulatedArea area;

    HealthReports(SimulationSettings settings, MonthBatch batch, SimulatedArea area) {
        this.settings = settings;
        this.batch = batch;
        this.area = area;
    }

    /** The victim as health services record them. */
    record Victim(String ageBand, String sex) {}

    /** Reports an assault to the ambulance service and/or A&amp;E. */
    void report(Assault assault, boolean ambulance, boolean ae) {
        if (!ambulance && !ae) {
            return;
        }
        Victim victim = new Victim(settings.ageBands().draw(batch.random()), settings.sexes().draw(batch.random()));
        if (ambulance) {
            callOut(assault, victim);
        }
        if (ae) {
            attend(assault, victim);
        }
    }

    private void callOut(Assault assault, Victim victim) {
        Instant callTime = assault.time().minus(CALL_LEAD).plus(batch.between(Duration.ZERO, CALL_LEAD.plus(CALL_LAG)));
        ProjectedPoint point = BritishNationalGrid.fromWgs84(assault.lon(), assault.lat());
        double radius = JITTER_METRES * Math.sqrt(batch.random().nextDouble());
        double angle = 2 * Math.PI * batch.random().nextDouble();
        // Whole metres, as control-room systems record them; the radius leaves room for the rounding.
        double easting = Math.round(point.x() + radius * Math.cos(angle));
        double northing = Math.round(point.y() + radius * Math.sin(angle));
        boolean armed = assault.weapon().armed();
        int category = armed ? 1 + batch.random().nextInt(2) : 2 + batch.random().nextInt(2);
        boolean conveyed = batch.chance(armed ? settings.ambulanceConveyedShareWeapon() : settings.ambulanceConveyedShare());
        String callId = String.format(Locale.ROOT, "%s-%s-%06d", area.ambulanceService(), batch.monthTag(), batch.next(MonthBatch.Counter.AMBULANCE_CALL));
        AmbulanceCallout record = new AmbulanceCallout(callId, 1, "active", callTime, "AMPDS", armed ? "27" : "04",
                category, victim.ageBand(), victim.sex(), conveyed, GeoLocation.britishNationalGrid(easting, northing));
        batch.emit(Feed.AMBULANCE, callTime, callId, record, assault.truthId());
    }

    private void attend(Assault assault, Victim victim) {
        Duration error = batch.between(Duration.ZERO, ASSAULT_TIME_ERROR.multipliedBy(2)).minus(ASSAULT_TIME_ERROR);
        Instant assaultTime = assault.time().plus(error);
        // Most casualties arrive within two hours, a few much later: 30 min + 330 min × u².
        double u = batch.random().nextDouble();
        long delaySeconds = MIN_ARRIVAL_DELAY.toSeconds()
                + Math.round((MAX_ARRIVAL_DELAY.toSeconds() - MIN_ARRIVAL_DELAY.toSeconds()) * u * u);
        Instant arrival = assault.time().plusSeconds(delaySeconds);
        String method = switch (assault.weapon()) {
            case KNIFE -> "knife_sharp";
            case FIREARM -> "firearm";
            case NONE -> settings.unarmedAssaultMethods().draw(batch.random());
        };
        String placeType = locationType(assault.place());
        String locationType = placeType != null ? placeType : settings.addressLocationTypes().draw(batch.random());
        EmergencyDepartments.Department site = nearestDepartment(assault);
        GeoLocation location = batch.chance(settings.aeLonLatShare()) || !validLsoa(assault.lsoaCode())
                ? GeoLocation.wgs84(assault.lon(), assault.lat())
                : GeoLocation.lsoa(assault.lsoaCode());
        String attendanceId = String.format(Locale.ROOT, "%s-%s-%05d", site.siteCode(), batch.monthTag(),
                batch.next(MonthBatch.Counter.AE_ATTENDANCE));
        AeAttendance record = new AeAttendance(attendanceId, 1, "active", arrival, assaultTime, method, locationType,
                description(assault.place()), site.siteCode(), victim.ageBand(), location);
        batch.emit(Feed.AE, arrival, attendanceId, record, assault.truthId());
        if (NAVIGATOR_AGE_BANDS.contains(victim.ageBand()) && batch.chance(settings.navigatorShareUnder25())) {
            navigatorCase(assault, victim, arrival, site.siteCode(), location);
        }
    }

    /**
     * A navigator's case after an attendance: referral, an approach, then either acceptance, a
     * risk assessment (with a safeguarding referral when the risk is high) and a support plan, or
     * a declined offer and closure.
     */
    private void navigatorCase(Assault assault, Victim victim, Instant arrival, String site, GeoLocation location) {
        String person = String.format(Locale.ROOT, "NAV-%s%04d", batch.monthTag(), batch.next(MonthBatch.Counter.NAVIGATOR_PERSON));
        Instant referral = arrival.plus(batch.between(Duration.ofHours(1), Duration.ofHours(12)));
        navigatorEvent(assault, victim, site, location, person, referral, "referral", null);
        Instant approach = referral.plus(batch.between(Duration.ofMinutes(30), Duration.ofHours(48)));
        navigatorEvent(assault, victim, site, location, person, approach, "approach", null);
        Instant answer = approach.plus(batch.between(Duration.ofMinutes(5), Duration.ofMinutes(60)));
        if (batch.chance(settings.navigatorOfferAcceptedShare())) {
            navigatorEvent(assault, victim, site, location, person, answer, "offer_accepted", null);
            Instant assessment = answer.plus(batch.between(Duration.ofDays(1), Duration.ofDays(7)));
            String risk = settings.navigatorRiskLevels().draw(batch.random());
            navigatorEvent(assault, victim, site, location, person, assessment, "risk_assessment", risk);
            Instant next = assessment;
            if ("high".equals(risk)) {
                next = assessment.plus(batch.between(Duration.ofHours(1), Duration.ofHours(24)));
                navigatorEvent(assault, victim, site, location, person, next, "safeguarding_referral", risk);
            }
            Instant plan = next.plus(batch.between(Duration.ofDays(1), Duration.ofDays(7)));
            navigatorEvent(assault, victim, site, location, person, plan, "support_plan", risk);
        } else {
            navigatorEvent(assault, victim, site, location, person, answer, "offer_declined", null);
            Instant closure = answer.plus(batch.between(Duration.ofDays(1), Duration.ofDays(3)));
            navigatorEvent(assault, victim, site, location, person, closure, "closure", null);
        }
    }

    private void navigatorEvent(Assault assault, Victim victim, String site, GeoLocation location, String person,
            Instant at, String type, String risk) {
        String eventId = String.format(Locale.ROOT, "NAVEVT-%s-%05d", batch.monthTag(), batch.next(MonthBatch.Counter.NAVIGATOR_EVENT));
        NavigatorEvent record = new NavigatorEvent(eventId, 1, "active", at, type, person, site, risk, victim.ageBand(), location);
        batch.emit(Feed.NAVIGATOR, at, eventId, record, assault.truthId());
    }

    private EmergencyDepartments.Department nearestDepartment(Assault assault) {
        ProjectedPoint p = BritishNationalGrid.fromWgs84(assault.lon(), assault.lat());
        return area.departments().nearest(p.x(), p.y());
    }

    /**
     * The ISTV location type implied by a police.uk named place ("On or near Nightclub"), or null
     * when the map point is a street and the type has to be drawn.
     */
    static String locationType(String place) {
        if (place == null) {
            return null;
        }
        String p = place.startsWith(PLACE_PREFIX) ? place.substring(PLACE_PREFIX.length()) : place;
        return switch (p) {
            case "Nightclub" -> "pub_club";
            case "Bus/Coach Station", "Train Station", "Pedestrian Subway" -> "public_transport";
            case "Supermarket", "Shopping Area", "Petrol Station" -> "shop";
            case "Park/Open Space", "Sports/Recreation Area" -> "park";
            case "Further/Higher Educational Building" -> "school";
            case "Parking Area" -> "street";
            case "Hospital", "Prison", "Police Station", "Theatre/Concert Hall", "Conference/Exhibition Centre",
                    "Airport/Airfield" -> "other";
            default -> null;
        };
    }

    private static String description(String place) {
        if (place == null) {
            return null;
        }
        return place.length() <= MAX_DESCRIPTION ? place : place.substring(0, MAX_DESCRIPTION);
    }

    /** An LSOA code the feed contracts accept (2011 or 2021, England or Wales). */
    static boolean validLsoa(String code) {
        return code != null && LSOA_CODE.matcher(code).matches();
    }
}
