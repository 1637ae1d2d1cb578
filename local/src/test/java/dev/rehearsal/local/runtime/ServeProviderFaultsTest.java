package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.cli.Main;
import dev.rehearsal.local.testing.OpenAiFaultStub;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Provider faults through `rehearse serve --provider openai` as a whole process (its own JVM, the key in
 * its environment) against a loopback OpenAI-protocol server, driven over HTTP as a client would.
 * docs/RELIABILITY.md quotes the figures the mixed-fault test prints; that test is tagged "faults" and runs with
 * {@code mvn -B -ntp verify -Pfaults} (as .ci/run does), since it takes more than a minute on a busy machine.
 */
class ServeProviderFaultsTest {
    static final HttpClient http = HttpClient.newHttpClient();

    /** A running `rehearse serve` child process and its base URL. */
    record Serve(Process process, String baseUrl, Path log) implements AutoCloseable {
        static Serve start(OpenAiFaultStub stub) throws Exception {
            Path log = Files.createTempFile("serve", ".log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                    "--template", RuntimeFixture.projectFile("template.yaml").toString(), "--port", "0",
                    "--provider", "openai", "--model", "gpt-4.1-mini", "--base-url", stub.baseUrl(), "--replay", "off",
                    // A short client timeout ends the stub's 30 s stalls quickly; one retry per call.
                    "--timeout", "1", "--max-attempts", "2");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OPENAI_API_KEY", "sk-test-loopback");
            pb.environment().remove("REHEARSAL_PROVIDER");
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("rehearse serve: http")) {
                        return new Serve(p, line.substring("rehearse serve: ".length()).split(" ")[0], log);
                    }
                }
                Thread.sleep(100);
            }
            p.destroyForcibly();
            throw new AssertionError("rehearse serve did not start: " + Files.readString(log));
        }

        HttpResponse<String> call(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("content-type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String method, String path, String body, int status) throws Exception {
            HttpResponse<String> r = call(method, path, body);
            assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
            return Json.mapper().readTree(r.body());
        }

        /** POSTs a test; the run id comes from the Location header. */
        String startTest(String workflowId, String body) throws Exception {
            HttpResponse<String> r = call("POST", "/workflows/" + workflowId + "/test", body);
            assertEquals(202, r.statusCode(), r.body());
            return r.headers().firstValue("location").orElseThrow().substring("/tests/".length());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    static void putExample(Serve s) throws Exception {
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        int status = s.call("PUT", "/workflows/sms-lead-followup", wf).statusCode();
        assertTrue(status == 200 || status == 201, "PUT workflow: " + status);
    }

    /** Polls until the run is no longer RUNNING or the deadline passes; returns its last state. */
    static JsonNode await(Serve s, String runId, long deadlineNanos) throws Exception {
        JsonNode run;
        do {
            run = s.json("GET", "/tests/" + runId, null, 200);
            if (!"RUNNING".equals(run.get("status").asText())) return run;
            Thread.sleep(200);
        } while (System.nanoTime() < deadlineNanos);
        return run;
    }

    static JsonNode issue(JsonNode report, String type) {
        for (JsonNode i : report.path("issues")) if (i.path("type").asText().equals(type)) return i;
        return null;
    }

    @Test
    void aProviderAnsweringOnly500IsInconclusiveNotAWorkflowFailure() throws Exception {
        try (OpenAiFaultStub stub = new OpenAiFaultStub(1.0); Serve s = Serve.start(stub)) {
            putExample(s);
            String runId = s.startTest("sms-lead-followup", "{\"personas\": [\"eager-eddie\", \"cold-carl\"], \"seed\": 3}");
            JsonNode run = await(s, runId, System.nanoTime() + TimeUnit.SECONDS.toNanos(180));
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            assertEquals("inconclusive", run.get("verdict").asText(), run.toString());
            JsonNode report = s.json("GET", "/tests/" + runId + "/report", null, 200).get("report");
            assertEquals("inconclusive", report.get("verdict").asText());
            JsonNode outage = issue(report, "provider_unavailable");
            assertNotNull(outage, report.get("issues").toString());
            assertEquals("error", outage.get("severity").asText());
            assertTrue(outage.get("message").asText().contains("HTTP 500"), outage.toString());
            assertTrue(outage.get("message").asText().contains("2 of 2 walk(s) excluded"), outage.toString());
            assertTrue(stub.calls.get() >= 4, "the provider was really called: " + stub.calls.get());
        }
    }

    /**
     * 30% of calls fail (429 + Retry-After, 500, 503, 30 s stalls, malformed JSON, schema-breaking JSON);
     * ten runs of two personas x two walks at once: every run ends, none is stuck, every walk's
     * interactions are there once each (indexes 0..n-1, no gap, no repeat), and each report counts the
     * walks it excluded.
     */
    @Test
    @org.junit.jupiter.api.Tag("faults")
    void underThirtyPercentMixedFaultsEveryRunEndsAndNoInteractionIsLostOrDuplicated() throws Exception {
        int runs = 10;
        try (OpenAiFaultStub stub = OpenAiFaultStub.mixed(0.3, 30_000); Serve s = Serve.start(stub)) {
            putExample(s);
            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ids.add(s.startTest("sms-lead-followup", "{\"personas\": [\"eager-eddie\", \"cold-carl\"], \"seed\": " + (100 + i)
                        + ", \"runs\": 2}"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            int ended = 0, stuck = 0, lost = 0, duplicated = 0, interactions = 0, excluded = 0;
            Map<String, Integer> verdicts = new TreeMap<>();
            for (String id : ids) {
                JsonNode run = await(s, id, deadline);
                if ("RUNNING".equals(run.get("status").asText())) {
                    stuck++;
                    continue;
                }
                ended++;
                assertEquals("COMPLETED", run.get("status").asText(), run.toString());
                verdicts.merge(run.get("verdict").asText(), 1, Integer::sum);
                assertEquals(4, run.get("tests").size(), run.toString());
                int stored = 0;
                for (JsonNode t : run.get("tests")) {
                    assertEquals("COMPLETED", t.get("status").asText(), t.toString());
                    JsonNode items = s.json("GET", "/tests/" + id + "/interactions?limit=100&persona=" + t.get("persona_id").asText()
                            + "&walk=" + t.get("walk").asInt(), null, 200).get("items");
                    Set<Integer> seen = new HashSet<>();
                    int max = -1;
                    for (JsonNode i : items) {
                        int step = i.get("step_index").asInt();
                        if (!seen.add(step)) duplicated++;
                        max = Math.max(max, step);
                    }
                    if (items.isEmpty() || max + 1 != seen.size()) lost++;
                    stored += items.size();
                }
                // The run-wide listing holds exactly the walks' interactions: nothing stray, nothing missing.
                int all = 0;
                String next = null;
                do {
                    JsonNode page = s.json("GET", "/tests/" + id + "/interactions?limit=100" + (next == null ? "" : "&next=" + next),
                            null, 200);
                    all += page.get("items").size();
                    next = page.path("next").isNull() ? null : page.path("next").asText(null);
                } while (next != null);
                assertEquals(stored, all, "run " + id);
                interactions += all;
                JsonNode report = s.json("GET", "/tests/" + id + "/report", null, 200).get("report");
                JsonNode outage = issue(report, "provider_unavailable");
                if (outage != null) {
                    var m = java.util.regex.Pattern.compile("(\\d+) of 4 walk\\(s\\) excluded").matcher(outage.get("message").asText());
                    assertTrue(m.find(), outage.toString());
                    excluded += Integer.parseInt(m.group(1));
                    // Inconclusive means a persona kept fewer than half of its walks (PassRate): with one walk out
                    // of four excluded every persona kept at least half, with all four none kept any.
                    int out = Integer.parseInt(m.group(1));
                    if (out <= 1) assertNotEquals("inconclusive", report.get("verdict").asText(), outage.toString());
                    if (out == 4) assertEquals("inconclusive", report.get("verdict").asText(), outage.toString());
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[faults] serve, 30%% mixed provider faults, %d runs x 2 personas x 2 walks: %d ended, %d stuck, "
                            + "%d interactions, %d lost, %d duplicated, %d of %d walks excluded; verdicts %s; %d calls, %d faults %s; "
                            + "%.1f s wall%n", runs, ended, stuck, interactions, lost, duplicated, excluded, runs * 4, verdicts,
                    stub.calls.get(), stub.faults.get(), new TreeMap<>(stub.byKind), wall);
            assertEquals(runs, ended, "every run ends");
            assertEquals(0, stuck);
            assertEquals(0, lost);
            assertEquals(0, duplicated);
            assertTrue(stub.byKind.size() >= 4, "the faults were mixed: " + stub.byKind);
        }
    }
}
