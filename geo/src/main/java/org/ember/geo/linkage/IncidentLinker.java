package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Links reports of one incident across feeds, one report at a time, in arrival order.
 *
 * <p>A new report joins the linked incident that matches it best, or founds a new one. An incident
 * matches when it has no report from the same feed yet and every one of its reports scores against
 * the new one ({@link PairScorer}); the incident's score is the lowest of those scores, so one
 * poor match is enough to keep a report out. Ties go to the incident with the smaller id, so the
 * outcome does not depend on map order. Arrival order still matters when several incidents
 * compete for one report: a report is never taken away from the incident it joined, except by its
 * own correction.
 *
 * <p>A correction takes the report out of its incident and links it again (it usually comes back:
 * {@link GroupChange.Kind#CORRECTED}); a cancellation takes it out for good. An older version
 * arriving after a newer one changes nothing. Reports are forgotten {@code retention} after their
 * event time, a whole incident at once when its last report is due, so a report that arrives late
 * still finds the others.
 */
public final class IncidentLinker {
    private final LinkageSettings settings;
    private final PairScorer scorer;
    private final FeedTimeBuckets buckets;
    /** {@link LinkageSettings#linkedFeeds()}, computed once: every expiry pass walks them. */
    private final List<String> feeds;

    public IncidentLinker(LinkageSettings settings) {
        this(settings, AreaProximity.NONE);
    }

    /** A linker that can match an area-only report with a point just outside its LSOA. */
    public IncidentLinker(LinkageSettings settings, AreaProximity proximity) {
        this.settings = settings;
        this.scorer = new PairScorer(settings, proximity);
        this.buckets = new FeedTimeBuckets(settings);
        this.feeds = settings.linkedFeeds();
    }

    public LinkageSettings settings() {
        return settings;
    }

    /** What one report did: the incidents it changed, or that it was a stale version. */
    public record Result(List<GroupChange> changes, boolean stale, boolean correction) {
        public Result {
            changes = List.copyOf(changes);
        }

        static Result staleVersion() {
            return new Result(List.of(), true, false);
        }
    }

    /** Whether the linker handles reports of this feed at all. */
    public boolean links(String feed) {
        return feeds.contains(feed);
    }

    /** When a report may be forgotten. */
    public long expiryOf(Report report) {
        return report.time() + settings.retention().toMillis();
    }

    public Result apply(Report report, LinkBook book) {
        FiledReport existing = book.report(report.key());
        if (existing != null && report.version() <= existing.report().version()) {
            return Result.staleVersion();
        }
        boolean correction = existing != null;
        LinkGroup current = existing == null || !existing.inGroup() ? null : book.group(existing.groupId());
        // Nothing below writes a report under this key but the puts that say so: the book is told what
        // it holds there ("held") and need not read it again.
        if (current == null) {
            if (report.cancelled()) {
                book.putReport(new FiledReport(report, null, 0), existing);
                return new Result(List.of(), false, correction);
            }
            return new Result(List.of(link(report, existing, book)), false, correction);
        }
        List<String> rest = new ArrayList<>(current.members());
        rest.remove(report.key());
        List<GroupChange> changes = new ArrayList<>(2);
        if (report.cancelled()) {
            book.putReport(new FiledReport(report, null, 0), existing);
            if (rest.isEmpty()) {
                book.removeGroup(current.id());
                changes.add(new GroupChange(GroupChange.Kind.CANCELLED, current.with(List.of()),
                        List.of(new FiledReport(report, current.id(), existing.confidence()))));
            } else {
                LinkGroup left = current.with(rest);
                book.putGroup(left);
                changes.add(new GroupChange(GroupChange.Kind.LEFT, left, members(left, book)));
            }
            return new Result(changes, false, true);
        }
        Candidate best = best(report, book, current.id(), rest);
        if (best == null && rest.isEmpty() || best != null && best.groupId().equals(current.id())) {
            double confidence = best == null ? 1.0 : best.score();
            FiledReport filed = new FiledReport(report, current.id(), confidence);
            book.putReport(filed, existing);
            LinkGroup corrected = current.with(current.members());
            book.putGroup(corrected);
            changes.add(new GroupChange(GroupChange.Kind.CORRECTED, corrected, members(corrected, book, filed)));
            return new Result(changes, false, true);
        }
        if (rest.isEmpty()) {
            book.removeGroup(current.id());
            // The only report moved to another incident: this one is cancelled, named by its last report.
            changes.add(new GroupChange(GroupChange.Kind.CANCELLED, current.with(List.of()), List.of(existing)));
        } else {
            LinkGroup left = current.with(rest);
            book.putGroup(left);
            changes.add(new GroupChange(GroupChange.Kind.LEFT, left, members(left, book)));
        }
        FiledReport taken = new FiledReport(report, null, 0);
        book.putReport(taken, existing);
        changes.add(best == null ? found(report, taken, book) : join(report, best, taken, book));
        return new Result(changes, false, true);
    }

    /**
     * Forgets every incident whose reports are all past their retention at {@code now}, and
     * cancelled reports past theirs. Nothing is emitted: the incidents are simply no longer tracked.
     *
     * @return number of reports forgotten
     */
    public int expire(long now, LinkBook book) {
        return forget(book.reports(), now, book).forgotten();
    }

    /**
     * What an expiry pass over a time range did.
     *
     * @param forgotten reports forgotten
     * @param groups    ids of the incidents forgotten, in the order they were
     * @param held      earliest expiry of a report that is due but kept because a member of its incident
     *                  is not ({@code Long.MAX_VALUE}: none); the next pass must start there
     */
    public record Expired(int forgotten, List<String> groups, long held) {
        public Expired {
            groups = List.copyOf(groups);
        }
    }

    /**
     * {@link #expire(long, LinkBook)} reading only the reports that expire from {@code from} to
     * {@code now}, through their {@link FeedTimeBuckets buckets}, so the cost follows what leaves and
     * not what is kept. The same answer when no report in the book expires before {@code from}
     * (other than those held, see {@link Expired#held}): an incident is forgotten when its last
     * member is due, and that member is read in the pass that covers its expiry.
     */
    public Expired expire(long from, long now, LinkBook book) {
        if (from > now) {
            return new Expired(0, List.of(), Long.MAX_VALUE);
        }
        long first = FeedTimeBuckets.lastDue(from, settings);
        long last = FeedTimeBuckets.lastDue(now, settings);
        List<BucketSpan> wanted = new ArrayList<>(feeds.size());
        for (String feed : feeds) {
            wanted.add(new BucketSpan(feed, first, last));
        }
        return forget(book.reportsIn(wanted), now, book);
    }

    /**
     * Forgets, of the reports {@code read}, those due at {@code now}: loose ones, and whole incidents
     * whose every member is due.
     *
     * <p>The removals are made at the end, in one {@link LinkBook#removeReports} call, as the reads
     * in between see them: a report already taken out reads as absent. A member read with the due
     * reports is not read again (nothing but this pass writes reports meanwhile).
     */
    private Expired forget(Iterable<FiledReport> read, long now, LinkBook book) {
        List<String> loose = new ArrayList<>();
        Set<String> groups = new java.util.LinkedHashSet<>();
        Map<String, FiledReport> known = new HashMap<>();
        for (FiledReport f : read) {
            if (expiryOf(f.report()) <= now) {
                if (f.inGroup()) {
                    groups.add(f.groupId());
                    known.put(f.report().key(), f);
                } else {
                    loose.add(f.report().key());
                    known.put(f.report().key(), f);
                }
            }
        }
        Removals removals = new Removals(known, book);
        int forgotten = 0;
        for (String key : loose) {
            removals.remove(key);
            forgotten++;
        }
        List<String> gone = new ArrayList<>();
        long held = Long.MAX_VALUE;
        for (String id : groups) {
            LinkGroup group = book.group(id);
            if (group == null) {
                continue;
            }
            boolean allDue = true;
            long earliest = Long.MAX_VALUE;
            for (String key : group.members()) {
                FiledReport member = removals.report(key);
                if (member != null) {
                    long expiry = expiryOf(member.report());
                    allDue &= expiry <= now;
                    earliest = Math.min(earliest, expiry);
                }
            }
            if (allDue) {
                for (String key : group.members()) {
                    removals.remove(key);
                    forgotten++;
                }
                book.removeGroup(id);
                gone.add(id);
            } else {
                held = Math.min(held, earliest);
            }
        }
        book.removeReports(removals.taken);
        return new Expired(forgotten, gone, held);
    }

    /** An expiry pass's removals, held back to its end: reads see the book as if each were made at once. */
    private static final class Removals {
        private final Map<String, FiledReport> known;
        private final LinkBook book;
        private final Set<String> removed = new HashSet<>();
        final List<FiledReport> taken = new ArrayList<>();

        Removals(Map<String, FiledReport> known, LinkBook book) {
            this.known = known;
            this.book = book;
        }

        /** The report under {@code key} as the book would hold it now. */
        FiledReport report(String key) {
            if (removed.contains(key)) {
                return null;
            }
            FiledReport read = known.get(key);
            return read != null ? read : book.report(key);
        }

        /** Takes the report out (nothing when it is not there, as {@link LinkBook#removeReport}). */
        void remove(String key) {
            FiledReport report = report(key);
            if (report != null) {
                removed.add(key);
                taken.add(report);
            }
        }
    }

    /** @param held what the book holds under the report's key (null: nothing) */
    private GroupChange link(Report report, FiledReport held, LinkBook book) {
        Candidate best = best(report, book, null, List.of());
        return best == null ? found(report, held, book) : join(report, best, held, book);
    }

    private GroupChange found(Report report, FiledReport held, LinkBook book) {
        String base = "LI-" + report.key();
        String id = base;
        for (int n = 2; book.group(id) != null; n++) {
            id = base + "/" + n;
        }
        LinkGroup group = new LinkGroup(id, List.of(report.key()), 1);
        FiledReport filed = new FiledReport(report, id, 1.0);
        book.putReport(filed, held);
        book.putGroup(group);
        return new GroupChange(GroupChange.Kind.CREATED, group, List.of(filed));
    }

    private GroupChange join(Report report, Candidate best, FiledReport held, LinkBook book) {
        LinkGroup group = book.group(best.groupId());
        List<String> members = new ArrayList<>(group.members());
        members.add(report.key());
        LinkGroup joined = group.with(members);
        FiledReport filed = new FiledReport(report, group.id(), best.score());
        book.putReport(filed, held);
        book.putGroup(joined);
        return new GroupChange(GroupChange.Kind.JOINED, joined, members(joined, book, filed));
    }

    private record Candidate(String groupId, double score) {}

    /**
     * The incident that matches best, or null. {@code overrideId}'s members are taken as
     * {@code overrideMembers} (the incident a corrected report is being taken out of).
     */
    private Candidate best(Report report, LinkBook book, String overrideId, List<String> overrideMembers) {
        Map<String, Double> scored = new HashMap<>();
        // Only members of a partner feed near in time can let an incident in (FeedTimeBuckets); the
        // buckets are wider than the gap, and the scorer rules out the rest.
        for (FiledReport f : book.reportsIn(buckets.partnersOf(report.feed(), report.time()))) {
            if (!f.inGroup() || f.report().key().equals(report.key()) || scored.containsKey(f.groupId())) {
                continue;
            }
            // f is one of its incident's members, and one member ruling the report out rules out the
            // incident: checked on f alone first, most incidents in the window are never read whole.
            if (f.report().feed().equals(report.feed()) || scorer.score(report, f.report()).isEmpty()) {
                scored.put(f.groupId(), Double.NaN);
                continue;
            }
            List<String> members = f.groupId().equals(overrideId) ? overrideMembers : memberKeys(f.groupId(), book);
            scored.put(f.groupId(), groupScore(report, members, book));
        }
        Candidate best = null;
        for (Map.Entry<String, Double> e : scored.entrySet()) {
            double score = e.getValue();
            if (Double.isNaN(score)) {
                continue;
            }
            if (best == null || score > best.score() || score == best.score() && e.getKey().compareTo(best.groupId()) < 0) {
                best = new Candidate(e.getKey(), score);
            }
        }
        return best;
    }

    private static List<String> memberKeys(String groupId, LinkBook book) {
        LinkGroup group = book.group(groupId);
        return group == null ? List.of() : group.members();
    }

    /** The lowest pair score against the members, or NaN when any member rules the report out. */
    private double groupScore(Report report, List<String> members, LinkBook book) {
        if (members.isEmpty()) {
            return Double.NaN;
        }
        double lowest = 1;
        for (String key : members) {
            FiledReport member = book.report(key);
            if (member == null || member.report().feed().equals(report.feed())) {
                return Double.NaN;
            }
            OptionalDouble score = scorer.score(report, member.report());
            if (score.isEmpty()) {
                return Double.NaN;
            }
            lowest = Math.min(lowest, score.getAsDouble());
        }
        return lowest;
    }

    private static List<FiledReport> members(LinkGroup group, LinkBook book) {
        return members(group, book, null);
    }

    /** The members as the book holds them, {@code fresh} (just put, or null) without reading it back. */
    private static List<FiledReport> members(LinkGroup group, LinkBook book, FiledReport fresh) {
        List<FiledReport> out = new ArrayList<>(group.members().size());
        for (String key : group.members()) {
            FiledReport member = fresh != null && key.equals(fresh.report().key()) ? fresh : book.report(key);
            if (member != null) {
                out.add(member);
            }
        }
        return out;
    }
}
