package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.MemoryLinkBook;
import org.ember.geo.linkage.Report;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;

/**
 * The job's linkage in memory, for {@link FusionReplay}: what the router keyed by partner record
 * ({@code LinkageRoute} in the job) and the linker of each grid block ({@code LinkageFunction}) do
 * at one time on the arrival clock, in the same order, so that a rule test links a stabbing across
 * a boundary street exactly as the job does ({@link LinkageBlocks}, {@link BlockLinker}).
 *
 * <p>At a time: each router memo whose time is up is forgotten; each block due forgets what is
 * due; the reports that arrived are routed (a correction that moved is withdrawn where it no longer
 * reaches) and each block links what it received in the canonical order of its arrivals.
 */
final class ReplayLinkage {
    /** The router's memory of a partner record: last version, the blocks it went to, when to forget. */
    private record Memo(int version, List<String> blocks, long forgetAt) {}

    /** One block's book, owned incidents, and where its next expiry pass starts (null: nothing to expire). */
    private static final class Block {
        final MemoryLinkBook book = new MemoryLinkBook();
        final Set<String> ownedIds = new HashSet<>();
        final BlockLinker.Owned owned = BlockLinker.Owned.of(ownedIds);
        Long nextExpiry;
    }

    private final Linkage linkage;
    private final Map<String, Memo> memos = new HashMap<>();
    private final TreeMap<Long, Set<String>> memoTimers = new TreeMap<>();
    private final Map<String, Block> blocks = new HashMap<>();
    private final TreeMap<Long, TreeSet<String>> blockTimers = new TreeMap<>();

    ReplayLinkage(Linkage linkage) {
        this.linkage = linkage;
    }

    /** The next time a block must look for reports to forget, or {@link Long#MAX_VALUE}. */
    long nextTimer() {
        return blockTimers.isEmpty() ? Long.MAX_VALUE : blockTimers.firstKey();
    }

    /**
     * Everything the job's linkage does at {@code t}: forgets what is due, then routes and links
     * {@code arrived} (linkable reports of one arrival time, in canonical order).
     *
     * @return the linked-incident changes published, block by block in name order, each block's in
     *         the order it made them
     */
    List<LinkedIncident> at(long t, List<Incident> arrived) {
        forgetMemos(t);
        TreeSet<String> expiring = blockTimers.remove(t);
        if (expiring != null) {
            for (String name : expiring) {
                expire(name, blocks.get(name), t);
            }
        }
        TreeMap<String, List<Incident>> received = new TreeMap<>();
        for (Incident incident : arrived) {
            route(incident, t, received);
        }
        List<LinkedIncident> linked = new ArrayList<>();
        received.forEach((name, reports) -> {
            // A block takes one time's reports in canonical order, whichever records they came from.
            reports.sort(FusionReplay.CANONICAL);
            Block block = blocks.computeIfAbsent(name, k -> new Block());
            for (Incident incident : reports) {
                link(name, block, incident, t, linked);
            }
        });
        return linked;
    }

    private void forgetMemos(long t) {
        while (!memoTimers.isEmpty() && memoTimers.firstKey() <= t) {
            Map.Entry<Long, Set<String>> due = memoTimers.pollFirstEntry();
            for (String key : due.getValue()) {
                Memo memo = memos.get(key);
                if (memo != null && memo.forgetAt() <= due.getKey()) {
                    memos.remove(key);
                }
            }
        }
    }

    private void route(Incident incident, long t, Map<String, List<Incident>> received) {
        String key = incident.recordKey();
        Memo last = memos.get(key);
        boolean newer = last == null || incident.version() > last.version();
        List<String> sent = new ArrayList<>();
        for (Linkage.Routed r : linkage.reroute(incident, last == null ? List.of() : last.blocks(), newer)) {
            received.computeIfAbsent(r.block(), k -> new ArrayList<>()).add(r.incident());
            if (r.incident() == incident) {
                sent.add(r.block());
            }
        }
        if (newer) {
            long forgetAt = Math.max(linkage.forgetAt(incident), last == null ? Long.MIN_VALUE : last.forgetAt());
            memos.put(key, new Memo(incident.version(), List.copyOf(sent), forgetAt));
            memoTimers.computeIfAbsent(Math.max(forgetAt, t + 1), k -> new HashSet<>()).add(key);
        }
    }

    private void link(String name, Block block, Incident incident, long t, List<LinkedIncident> linked) {
        Report report = Linkage.report(incident);
        Linkage.Step step = linkage.inBlock(report, linkage.isHome(name, report), t, block.book, block.owned);
        if (step.result().stale()) {
            return;
        }
        long expiry = linkage.expiryOf(report);
        if (block.nextExpiry == null || expiry < block.nextExpiry) {
            block.nextExpiry = expiry;
        }
        linked.addAll(step.linked());
        blockTimers.computeIfAbsent(step.timer(), k -> new TreeSet<>()).add(name);
    }

    private void expire(String name, Block block, long t) {
        if (block.nextExpiry == null || block.nextExpiry > t) {
            return;
        }
        long passed = linkage.expire(block.nextExpiry, t, block.book, block.owned);
        if (block.book.reportCount() == 0) {
            block.nextExpiry = null;
            if (block.ownedIds.isEmpty() && block.book.groupCount() == 0) {
                blocks.remove(name);
            }
        } else {
            block.nextExpiry = passed;
        }
    }
}
