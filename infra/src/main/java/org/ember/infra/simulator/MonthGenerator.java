package org.ember.infra.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ember.model.Feed;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.PoliceIncident;

/**
 * Makes every record of one simulated month from that month's police.uk files: the police
 * incidents themselves (with later updates and cancellations), the health reports of their
 * casualties, the assaults only health services saw, and the intelligence reports.
 */
final class MonthGenerator {
    /** police.uk months and the partners' clocks are UK local time. */
    static final ZoneId UK = ZoneId.of("Europe/London");
    /**
     * No record of a month is emitted earlier than this before the month starts (an ambulance call
     * can precede the police incident time). The simulator relies on it to merge months in order.
     */
    static final Duration EARLIEST_EMIT_BEFORE_MONTH = HealthReports.CALL_LEAD;

    /**
     * The police.uk types replayed: serious violence and its precursors. Burglary, theft, criminal
     * damage, drugs, vehicle crime and anti-social behaviour are left out to keep the demo focused.
     */
    static final Set<String> REPLAYED_TYPES =
            Set.of(PoliceUkRow.VIOLENCE, PoliceUkRow.WEAPONS, PoliceUkRow.ROBBERY, PoliceUkRow.PUBLIC_ORDER);
    /** Closing categories a police incident may be re-classified to, in a fixed order. */
    private static final List<String> CLOSING_CHOICES =
            List.of(PoliceUkRow.VIOLENCE, PoliceUkRow.WEAPONS, PoliceUkRow.ROBBERY, PoliceUkRow.PUBLIC_ORDER);

    private final SimulationSettings settings;
    private final HourOfWeekProfile profile;
    private final PoliceUkFiles files;
    private final ReplayTally tally;
    private final SimulatedArea area;
    private final boolean skipMissing;

    MonthGenerator(SimulationSettings settings, HourOfWeekProfile profile, PoliceUkFiles files, ReplayTally tally,
            SimulatedArea area, boolean skipMissing) {
        this.skipMissing = skipMissing;
        this.settings = settings;
        this.profile = profile;
        this.files = files;
        this.tally = tally;
        this.area = area;
    }

    ReplayTally tally() {
        return tally;
    }

    /** The month's records in emit-time order. */
    List<SimulatedRecord> generate(YearMonth month) {
        if (skipMissing && !files.complete(settings.forces(), month)) {
            // A month police.uk did not publish (or that is not in the data directory) is silence, not an error.
            tally.month();
            return List.of();
        }
        MonthBatch batch = new MonthBatch(month, settings.seed(), settings.malformedShare(), tally);
        MonthHours hours = MonthHours.of(month, profile, UK);
        HealthReports health = new HealthReports(settings, batch, area);
        List<PoliceUkRow> violencePoints = new ArrayList<>();
        List<IntelReports.Anchor> anchors = new ArrayList<>();

        for (String force : settings.forces()) {
            for (PoliceUkRow row : files.read(force, month)) {
                tally.rowRead();
                if (!REPLAYED_TYPES.contains(row.crimeType())) {
                    tally.skippedOtherType();
                    continue;
                }
                if (!row.hasCoordinates()) {
                    tally.skippedNoCoordinates();
                    continue;
                }
                if (row.crimeId() == null) {
                    tally.skippedNoCrimeId(); // police.uk leaves only anti-social behaviour without one
                    continue;
                }
                tally.replayed(row.crimeType());
                boolean covered = area.covers(row.lsoaCode());
                if (!covered) {
                    tally.outsideCoverage();
                }
                Assault assault = police(batch, hours, row);
                if (row.violent()) {
                    boolean armed = assault.weapon().armed();
                    boolean ambulance = batch.chance(armed ? settings.ambulanceShareWeapon() : settings.ambulanceShare());
                    boolean ae = batch.chance(armed ? settings.aeShareWeapon() : settings.aeShare());
                    health.report(assault, ambulance, ae);
                }
                if (PoliceUkRow.VIOLENCE.equals(row.crimeType())) {
                    violencePoints.add(row);
                }
                // Community intelligence is written by the deployment's own partners, about its own areas.
                if (!PoliceUkRow.PUBLIC_ORDER.equals(row.crimeType()) && HealthReports.validLsoa(row.lsoaCode()) && covered) {
                    anchors.add(new IntelReports.Anchor(assault.time().toEpochMilli(), row.lsoaCode(), row.crimeId()));
                }
            }
        }
        healthOnly(batch, hours, health, violencePoints);
        new IntelReports(settings, batch).generate(hours, anchors);
        tally.month();

        List<SimulatedRecord> records = batch.sorted();
        long earliestAllowed = hours.start().minus(EARLIEST_EMIT_BEFORE_MONTH).toEpochMilli();
        if (!records.isEmpty() && records.get(0).emitTime() < earliestAllowed) {
            throw new IllegalStateException("a record of " + month + " is emitted before " + Instant.ofEpochMilli(earliestAllowed));
        }
        return records;
    }

    /** The police incident of a row, its later version if any, and the assault it stands for. */
    private Assault police(MonthBatch batch, MonthHours hours, PoliceUkRow row) {
        Instant occurred = hours.draw(batch.random());
        Assault.Weapon weapon = row.violent() ? drawWeapon(batch) : Assault.Weapon.NONE;
        // The weapon flags are assessed for violence and robbery only; for the other types they stay unset.
        Boolean knife = row.violent() ? weapon == Assault.Weapon.KNIFE : null;
        Boolean firearm = row.violent() ? weapon == Assault.Weapon.FIREARM : null;
        GeoLocation location = new GeoLocation(row.longitude(), row.latitude(), null, null,
                HealthReports.validLsoa(row.lsoaCode()) ? row.lsoaCode() : null, null);
        String id = row.crimeId();
        batch.emit(Feed.POLICE, occurred, id,
                new PoliceIncident(id, 1, "active", occurred, row.crimeType(), null, knife, firearm, location), id);

        double u = batch.random().nextDouble();
        if (u < settings.policeCancelShare()) {
            Instant at = occurred.plus(batch.between(Duration.ofHours(1), Duration.ofHours(24)));
            batch.emit(Feed.POLICE, at, id,
                    new PoliceIncident(id, 2, "cancelled", occurred, row.crimeType(), null, knife, firearm, location), id);
        } else if (u < settings.policeCancelShare() + settings.policeUpdateShare()) {
            Instant at = occurred.plus(batch.between(Duration.ofHours(2), Duration.ofHours(48)));
            List<String> others = CLOSING_CHOICES.stream().filter(c -> !c.equals(row.crimeType())).toList();
            String closing = others.get(batch.random().nextInt(others.size()));
            batch.emit(Feed.POLICE, at, id,
                    new PoliceIncident(id, 2, "active", occurred, row.crimeType(), closing, knife, firearm, location), id);
        }
        return new Assault(id, occurred, row.longitude(), row.latitude(), row.lsoaCode(), row.location(), weapon);
    }

    private Assault.Weapon drawWeapon(MonthBatch batch) {
        double u = batch.random().nextDouble();
        if (u < settings.knifeShare()) {
            return Assault.Weapon.KNIFE;
        }
        return u < settings.knifeShare() + settings.firearmShare() ? Assault.Weapon.FIREARM : Assault.Weapon.NONE;
    }

    /**
     * Assaults never reported to the police, placed at the month's real police.uk violence map
     * points so that they fall where violence happens; each is seen by the ambulance service, A&amp;E
     * or both.
     */
    private void healthOnly(MonthBatch batch, MonthHours hours, HealthReports health, List<PoliceUkRow> violencePoints) {
        if (violencePoints.isEmpty()) {
            return;
        }
        // Stochastic rounding keeps the long-run rate exact.
        int count = (int) Math.floor(violencePoints.size() * settings.healthOnlyPerPoliceViolence() + batch.random().nextDouble());
        for (int i = 0; i < count; i++) {
            PoliceUkRow point = violencePoints.get(batch.random().nextInt(violencePoints.size()));
            Instant time = hours.draw(batch.random());
            Assault.Weapon weapon = drawWeapon(batch);
            String truthId = String.format(Locale.ROOT, "H-%s-%05d", batch.monthTag(), batch.next(MonthBatch.Counter.HEALTH_ONLY_ASSAULT));
            Assault assault = new Assault(truthId, time, point.longitude(), point.latitude(), point.lsoaCode(), point.location(), weapon);
            double u = batch.random().nextDouble();
            boolean ambulanceOnly = u < settings.healthOnlyAmbulanceOnlyShare();
            boolean aeOnly = !ambulanceOnly && u < settings.healthOnlyAmbulanceOnlyShare() + settings.healthOnlyAeOnlyShare();
            tally.healthOnlyAssault();
            health.report(assault, !aeOnly, !ambulanceOnly);
        }
    }
}
