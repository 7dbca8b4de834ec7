package org.ember.infra.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ember.model.Topics;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of infra/k8s (no Kubernetes schema validator is installable here): every
 * document has the fields its kind requires, every topic Ember uses is declared with RF 3, the
 * compacted ones are compacted, and the job runs the jar's main with last-state upgrades on RocksDB
 * and checkpoints in an object store.
 */
class K8sManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyDocumentIsAKubernetesObjectAndEveryKustomizeResourceExists() throws Exception {
        List<JsonNode> docs = documents();
        assertThat(docs).hasSizeGreaterThan(20);
        for (JsonNode doc : docs) {
            assertThat(doc.path("apiVersion").asText()).as("apiVersion of %s", doc.path("metadata")).isNotBlank();
            assertThat(doc.path("kind").asText()).isNotBlank();
            assertThat(doc.path("metadata").path("name").asText()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            assertThat(K8S.resolve(resource.asText())).exists();
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            for (JsonNode file : generator.path("files")) {
                assertThat(K8S.resolve(file.asText().split("=", 2)[1])).exists();
            }
        }
        // The dashboard is valid JSON with panels that query Prometheus.
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("monitoring/ember-dashboard.json").toFile());
        assertThat(dashboard.path("panels")).isNotEmpty();
        dashboard.path("panels").forEach(p -> assertThat(p.path("targets").get(0).path("expr").asText()).isNotBlank());
    }

    @Test
    void everyTopicEmberUsesIsDeclaredReplicatedAndTheStateTopicsAreCompacted() throws Exception {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode doc : documents()) {
            if (doc.path("kind").asText().equals("KafkaTopic")) {
                topics.put(doc.path("spec").path("topicName").asText(), doc.path("spec"));
            }
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());
        topics.forEach((name, spec) -> {
            assertThat(spec.path("replicas").asInt()).as(name).isEqualTo(3);
            assertThat(spec.path("config").path("min.insync.replicas").asText()).as(name).isEqualTo("2");
            assertThat(spec.path("partitions").asInt()).as(name).isPositive();
            boolean compacted = spec.path("config").path("cleanup.policy").asText().contains("compact");
            assertThat(compacted).as("%s compacted", name)
                    .isEqualTo(name.equals(Topics.RULES) || name.equals(Topics.ACKS));
            if (!compacted) {
                assertThat(spec.path("config").path("retention.ms").asLong()).as(name).isPositive();
            }
        });
        JsonNode kafka = only("Kafka");
        assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafka.path("spec").path("kafka").path("listeners").get(0).path("tls").asBoolean()).isTrue();
        assertThat(only("KafkaNodePool").path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void theJobRunsTheJarsMainInApplicationModeWithLastStateUpgradesOnRocksDb() throws Exception {
        JsonNode flink = only("FlinkDeployment").path("spec");
        JsonNode conf = flink.path("flinkConfiguration");
        assertThat(flink.path("job").path("upgradeMode").asText()).isEqualTo("last-state");
        assertThat(flink.path("job").path("entryClass").asText()).isEqualTo("org.ember.job.EmberJobMain");
        assertThat(flink.path("job").path("jarURI").asText()).startsWith("local:///");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText()).contains("PrometheusReporterFactory");
        List<String> args = new ArrayList<>();
        flink.path("job").path("args").forEach(a -> args.add(a.asText()));
        // The jar's main must accept exactly these arguments.
        org.ember.jobs.compose.JobArguments parsed = org.ember.jobs.compose.JobArguments.parse(args.toArray(String[]::new));
        assertThat(parsed.production()).isTrue();
        assertThat(parsed.deliveryLedger()).as("a ledger every TaskManager reaches").startsWith("s3://");
        assertThat(only("Deployment").path("spec").path("template").path("spec").path("containers").get(0)
                .path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    }

    private static JsonNode only(String kind) throws Exception {
        List<JsonNode> found = documents().stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> documents() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted()
                    .toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && !d.isEmpty())
                            .forEach(docs::add);
                }
            }
        }
        return docs;
    }
}
