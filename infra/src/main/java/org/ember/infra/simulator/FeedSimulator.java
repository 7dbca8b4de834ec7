package org.ember.infra.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic simulator of Ember's five partner feeds, replaying real data.police.uk records
 * of the deployment's police forces month by month. It is a pure generator: it reads
 * files and produces {@link SimulatedRecord}s in non-decreasing emit-time order, and knows nothing
 * of Kafka.
 *
 * <p>Same data, same settings (seed included) → byte-identical sequence. Each month draws from
 * its own random stream seeded by (seed, month), so a month comes out the same whichever month the
 * run starts from. At most one month of records (plus the later records of the month before:
 * updates, A&amp;E arrivals, navigator follow-ups) is held in memory.
 */
public final class FeedSimulator implements Iterable<SimulatedRecord> {
    private final Path dataDir;
    private final SimulationSettings settings;
    private final HourOfWeekProfile profile;
    private final SimulatedArea area;
    private final boolean skipMissing;

    private FeedSimulator(Path dataDir, SimulationSettings settings, HourOfWeekProfile profile, SimulatedArea area,
            boolean skipMissing) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.profile = profile;
        this.area = area;
        this.skipMissing = skipMissing;
    }

    /**
     * A simulator over a data directory holding {@code police/<force>/<YYYY-MM>-<force>-street.csv.gz}
     * and the Chicago assault series for the hour-of-week profile.
     *
     * @throws IllegalArgumentException when a file the settings need is missing
     */
    public static FeedSimulator create(Path dataDir, SimulationSettings settings, SimulatedArea area) {
        return create(dataDir, settings, null, area, false);
    }

    /**
     * As {@link #create(Path, SimulationSettings, SimulatedArea)}, reusing an already derived profile when one
     * is given; with {@code skipMissing}, months without police.uk files are replayed as silence
     * (see {@link #missingMonths}) instead of refused.
     */
    public static FeedSimulator create(Path dataDir, SimulationSettings settings, HourOfWeekProfile profile,
            SimulatedArea area, boolean skipMissing) {
        if (settings.forces().isEmpty()) {
            throw new IllegalArgumentException("no police force to replay: the deployment's simulator.police is empty");
        }
        List<String> missing = new ArrayList<>();
        PoliceUkFiles files = new PoliceUkFiles(dataDir);
        List<YearMonth> missingMonths = missingMonths(dataDir, settings);
        for (YearMonth month = settings.from(); !month.isAfter(settings.to()); month = month.plusMonths(1)) {
            for (String force : settings.forces()) {
                if (!Files.isRegularFile(files.file(force, month)) && !skipMissing) {
                    missing.add(files.file(force, month).toString());
                }
            }
        }
        if (skipMissing && missingMonths.size() == (int) (settings.to().getMonthValue() + 12L * settings.to().getYear()
                - settings.from().getMonthValue() - 12L * settings.from().getYear() + 1)) {
            missing.add("every month from " + settings.from() + " to " + settings.to() + " of " + settings.forces());
        }
        Path profileFile = dataDir.resolve(HourOfWeekProfile.CHICAGO_ASSAULTS);
        if (profile == null && !Files.isRegularFile(profileFile)) {
            missing.add(profileFile.toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing data file" + (missing.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                    + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : ""));
        }
        HourOfWeekProfile used = profile != null ? profile : HourOfWeekProfile.fromGzipCsv(profileFile);
        return new FeedSimulator(dataDir, settings, used, area, skipMissing);
    }

    /** The months between the settings' first and last for which some force has no police.uk file. */
    public static List<YearMonth> missingMonths(Path dataDir, SimulationSettings settings) {
        PoliceUkFiles files = new PoliceUkFiles(dataDir);
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = settings.from(); !month.isAfter(settings.to()); month = month.plusMonths(1)) {
            if (!files.complete(settings.forces(), month)) {
                months.add(month);
            }
        }
        return months;
    }

    public SimulationSettings settings() {
        return settings;
    }

    public HourOfWeekProfile profile() {
        return profile;
    }

    /** Starts a fresh run from the first month; each run re-reads the files and yields the same sequence. */
    public SimulationRun start() {
        return new SimulationRun(settings, new MonthGenerator(settings, profile, new PoliceUkFiles(dataDir), new ReplayTally(), area,
                skipMissing));
    }

    @Override
    public Iterator<SimulatedRecord> iterator() {
        return start();
    }

    /** A fresh run as a sequential, lazily generated stream. */
    public Stream<SimulatedRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(start(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
