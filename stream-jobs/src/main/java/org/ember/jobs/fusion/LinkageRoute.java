package org.ember.jobs.fusion;

import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.ember.fusion.LinkageBlocks;
import org.ember.fusion.Reports;
import org.ember.geo.area.AreaCatalogue;
import org.ember.jobs.JobSettings;
import org.ember.model.Incident;

/** Sends a linkable report to every linkage block that may need it ({@link LinkageBlocks#route}). */
final class LinkageRoute extends RichFlatMapFunction<Incident, BlockReport> {
    private static final long serialVersionUID = 1L;
    private final JobSettings job;
    private transient LinkageBlocks blocks;

    LinkageRoute(JobSettings job) {
        this.job = job;
    }

    @Override
    public void open(OpenContext context) {
        blocks = blocks(job);
    }

    @Override
    public void flatMap(Incident incident, Collector<BlockReport> out) {
        for (String block : blocks.route(Reports.of(incident))) {
            out.collect(new BlockReport(block, incident));
        }
    }

    static LinkageBlocks blocks(JobSettings job) {
        AreaCatalogue catalogue = AreaCatalogue.load(Path.of(job.dataDir()), job.coverage());
        return new LinkageBlocks(catalogue, job.fusion().linkage(), LinkageBlocks.DEFAULT_BLOCK_METRES);
    }
}
