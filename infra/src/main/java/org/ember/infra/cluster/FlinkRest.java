package org.ember.infra.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Flink's REST API, the few calls Ember needs: upload and run the job jar (restoring from a
 * savepoint or retained checkpoint if given), list jobs and TaskManagers, trigger a savepoint, stop
 * with a savepoint, cancel.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A job as the cluster lists it. */
    public record JobStatus(String id, String name, String state) {}

    public boolean reachable() {
        try {
            get("/overview");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public int taskManagersRegistered() {
        return get("/taskmanagers").path("taskmanagers").size();
    }

    /** Waits until the REST endpoint answers and {@code taskManagers} have registered. */
    public void awaitTaskManagers(int taskManagers, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (taskManagersRegistered() >= taskManagers) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Still starting.
            }
            sleep(1000);
        }
        throw new IllegalStateException(taskManagers + " TaskManagers did not register at " + baseUrl + " within " + timeout);
    }

    /** Uploads a jar and returns its id on the cluster. */
    public String upload(Path jar) {
        String boundary = "ember-" + UUID.randomUUID();
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                    + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            String filename = send(request).path("filename").asText();
            return Path.of(filename).getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * Runs an uploaded jar's main and returns the job id.
     *
     * @param restorePath a savepoint or retained checkpoint ({@code execution.state-recovery.path}), or null
     */
    public String run(String jarId, List<String> args, Integer parallelism, String restorePath) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("programArgsList").addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (parallelism != null) {
            body.put("parallelism", parallelism);
        }
        if (restorePath != null) {
            body.put("savepointPath", restorePath);
            body.put("allowNonRestoredState", false);
        }
        return send(post("/jars/" + jarId + "/run", body, Duration.ofMinutes(3))).path("jobid").asText();
    }

    public List<JobStatus> jobs() {
        List<JobStatus> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(new JobStatus(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText()));
        }
        return jobs;
    }

    public String state(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Restarts the job has gone through (Flink's numRestarts metric of the job). */
    public long restarts(String jobId) {
        JsonNode metrics = get("/jobs/" + jobId + "/metrics?get=numRestarts");
        return metrics.size() == 0 ? 0 : metrics.get(0).path("value").asLong();
    }

    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /**
     * An operator metric of a running job, per subtask: the value of {@code metric} (e.g.
     * {@code currentOutputWatermark}) of the operator named {@code operatorName}, for every subtask of
     * every vertex whose chain holds it, keyed {@code vertex[subtask]}; NaN where the subtask has not
     * reported it (yet). Flink's REST metrics are fetched from the TaskManagers every few seconds,
     * so a value may be that old. (Flink's metric query service writes {@code space . : ,} in
     * operator names as {@code _}; so does this lookup.)
     */
    public java.util.Map<String, Double> operatorMetric(String jobId, String operatorName, String metric) {
        String operator = operatorName.replaceAll("[ .:,]", "_");
        java.util.Map<String, Double> values = new java.util.TreeMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (!vertex.path("name").asText().contains(operatorName)) {
                continue;
            }
            String vertexPath = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
            for (int subtask = 0; subtask < vertex.path("parallelism").asInt(); subtask++) {
                String subtaskPath = vertexPath + "/subtasks/" + subtask + "/metrics";
                // The id holds the operator's whole name (as the query service writes it): find it.
                List<String> ids = new ArrayList<>();
                for (JsonNode id : get(subtaskPath)) {
                    String name = id.path("id").asText();
                    if (name.startsWith(operator) && name.endsWith("." + metric)) {
                        ids.add(name);
                    }
                }
                double value = Double.NaN;
                if (ids.size() == 1) {
                    for (JsonNode reported : get(subtaskPath + "?get="
                            + java.net.URLEncoder.encode(ids.get(0), StandardCharsets.UTF_8))) {
                        try {
                            value = Double.parseDouble(reported.path("value").asText());
                        } catch (NumberFormatException e) {
                            // not a number yet: NaN
                        }
                    }
                }
                values.put(vertex.path("id").asText().substring(0, 8) + "[" + subtask + "]", value);
            }
        }
        return values;
    }

    /** Triggers a savepoint (or, with {@code stop}, stops the job with one) and waits for its path. */
    public String savepoint(String jobId, String targetDirectory, boolean stop, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        if (targetDirectory != null) {
            body.put("targetDirectory", targetDirectory);
        }
        String path = stop ? "/jobs/" + jobId + "/stop" : "/jobs/" + jobId + "/savepoints";
        if (!stop) {
            body.put("cancel-job", false);
        }
        String trigger = send(post(path, body, Duration.ofSeconds(30))).path("request-id").asText();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("savepoint failed: "
                            + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse(""));
                }
                return operation.path("location").asText();
            }
            sleep(1000);
        }
        throw new IllegalStateException("savepoint of job " + jobId + " did not complete within " + timeout);
    }

    /** Cancels a job (used when Ember's own web cancel is disabled: this goes through the REST API). */
    public void cancel(String jobId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(30)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
        send(request);
    }

    private HttpRequest post(String path, JsonNode body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Flink REST " + request.method() + " " + request.uri().getPath() + ": HTTP "
                        + response.statusCode() + " " + body.path("errors"));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST at " + baseUrl + " not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
