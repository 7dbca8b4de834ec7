package org.ember.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.ember.jobs.bounded.InMemoryJobSinks;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Topics;
import org.junit.jupiter.api.Test;

/** A topic nobody reads gets no sink; every read topic still gets its own. */
class UnreadTopicsTest {

    private static List<String> operatorNames(JobSinks sinks) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        EmberJob.build(env, new BoundedJobSources(), sinks, TestFeeds.settings(TestFeeds.weaponRule(2)));
        return env.getStreamGraph(false).getStreamNodes().stream().map(StreamNode::getOperatorName).toList();
    }

    @Test
    void aReplayKeepingOnlyAlertsWritesNoHotSpotTensionOrIncidentRecords() throws Exception {
        try (InMemoryJobSinks alertsOnly = new InMemoryJobSinks(Set.of(Topics.ALERTS, Topics.RULE_EVENTS, Topics.DEAD_LETTER))) {
            List<String> names = operatorNames(alertsOnly);

            assertThat(names).contains("Alerts: Writer", "Rule events: Writer", "Dead letters: Writer")
                    .doesNotContain("Hot-spot layers: Writer", "Tension: Writer", "Linked incidents: Writer",
                            "Area counts: Writer");
            // The stages whose outputs nobody reads still run: the rules read the fusion metrics.
            assertThat(names).anySatisfy(n -> assertThat(n).startsWith("Fusion: hot spots"));
        }
    }

    @Test
    void aSinkThatReadsEverythingGetsEveryTopic() {
        List<String> names = operatorNames(new CollectingJobSinks());

        assertThat(names).contains("Alerts: Writer", "Hot-spot layers: Writer", "Tension: Writer",
                "Linked incidents: Writer", "Area counts: Writer", "Dead letters: Writer");
    }
}
