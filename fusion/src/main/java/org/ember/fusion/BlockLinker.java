package org.ember.fusion;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.linkage.GroupChange;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkBook;
import org.ember.geo.linkage.Report;

/**
 * The linker of one {@link LinkageBlocks block}: links every report the block receives (its own and
 * its halo's) and publishes only the incidents it owns, those founded by a report whose home is
 * this block. Blocks overlap, so the same incident may form in several of them; ownership makes
 * exactly one of them publish it, under the id and revisions a single linker would give it.
 *
 * <p>Exact when every report that could join or compete for an incident reaches its owner, which
 * the halo guarantees for points and LSOAs up to one competing incident (see {@link LinkageBlocks});
 * a chain of competitors longer than the halo may resolve differently in two blocks.
 */
public final class BlockLinker {
    private final IncidentLinker linker;
    private final LinkageBlocks blocks;

    /** The incidents a block owns, kept beside its {@link LinkBook}. */
    public interface Owned {
        boolean owns(String groupId);

        void add(String groupId);

        void remove(String groupId);

        /** Ownership kept in {@code ids} (task memory: a replay, a test). */
        static Owned of(java.util.Set<String> ids) {
            return new Owned() {
                @Override
                public boolean owns(String groupId) {
                    return ids.contains(groupId);
                }

                @Override
                public void add(String groupId) {
                    ids.add(groupId);
                }

                @Override
                public void remove(String groupId) {
                    ids.remove(groupId);
                }
            };
        }
    }

    public BlockLinker(IncidentLinker linker, LinkageBlocks blocks) {
        this.linker = linker;
        this.blocks = blocks;
    }

    public IncidentLinker linker() {
        return linker;
    }

    /** Links one report in {@code block}; the result holds only the changes this block publishes. */
    public IncidentLinker.Result apply(String block, Report report, LinkBook book, Owned owned) {
        return apply(report, isHome(block, report), book, owned);
    }

    /**
     * {@link #apply(String, Report, LinkBook, Owned)} when the caller knows whether the block is the
     * report's home ({@link #isHome}): the linker founds an incident only for the report it links, so
     * that is the home of every incident created here.
     */
    public IncidentLinker.Result apply(Report report, boolean home, LinkBook book, Owned owned) {
        IncidentLinker.Result result = linker.apply(report, book);
        List<GroupChange> published = new ArrayList<>(result.changes().size());
        for (GroupChange change : result.changes()) {
            String id = change.group().id();
            // Just added, it is owned: no need to ask.
            boolean founded = home && change.kind() == GroupChange.Kind.CREATED;
            if (founded) {
                owned.add(id);
            }
            if (founded || owned.owns(id)) {
                published.add(change);
                if (change.kind() == GroupChange.Kind.CANCELLED) {
                    owned.remove(id);
                }
            }
        }
        return new IncidentLinker.Result(published, result.stale(), result.correction());
    }

    /**
     * Forgets what is due at {@code now} among the reports that expire from {@code from} on (see
     * {@link IncidentLinker#expire(long, long, LinkBook)}), and the ownership of the incidents forgotten.
     */
    public IncidentLinker.Expired expire(long from, long now, LinkBook book, Owned owned) {
        IncidentLinker.Expired expired = linker.expire(from, now, book);
        // Removing an id the block does not own changes nothing, and asking first costs a state read per incident.
        for (String id : expired.groups()) {
            owned.remove(id);
        }
        return expired;
    }

    /** Whether {@code block} is the report's home: the one block that counts it in metrics. */
    public boolean isHome(String block, Report report) {
        return block.equals(blocks.home(report));
    }

    /** The blocks a report is sent to. */
    public List<String> route(Report report) {
        return blocks.route(report);
    }
}
