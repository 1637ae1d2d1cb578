package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of a real {@code rehearse serve --data D} process mid-run, then a new server on
 * the same D: every run the first left RUNNING is resumed and completes, with every persona's
 * interactions whole (step 0 to the last, none twice) and a report.
 */
class CrashRecoveryTest {
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (Process p : started) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    record Serve(Process process, int port, BlockingQueue<String> lines) {
    }

    Serve serve(Path data) throws Exception {
        Path root = RuntimeFixture.projectFile("template.yaml").getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.rehearsal.local.cli.Main",
                "serve", "--port", "0", "--data", data.toString(), "--template", root.resolve("template.yaml").toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        started.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (Exception ignored) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l == null) {
                if (!p.isAlive()) break;
                continue;
            }
            seen.add(l);
            int i = l.indexOf("http://127.0.0.1:");
            if (l.startsWith("rehearse serve: http") && i >= 0) {
                String rest = l.substring(i + "http://127.0.0.1:".length());
                return new Serve(p, Integer.parseInt(rest.substring(0, rest.indexOf(' '))), new LinkedBlockingQueue<>(seen));
            }
        }
        throw new AssertionError("serve did not start: " + seen);
    }

    static RawHttp.Reply call(int port, String method, String path, String body, Map<String, String> extra) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Rehearsal-Account", "acme");
        h.put("Content-Type", "application/json");
        h.putAll(extra);
        return RawHttp.request(port, method, path, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void runsAKilledServerLeftRunningAreResumedAndComplete() throws Exception {
        Path data = Files.createTempDirectory("serve-crash").resolve("data");
        Serve first = serve(data);
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        assertEquals(201, call(first.port(), "PUT", "/workflows/sms-lead-followup", wf, Map.of()).status());
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, String> key = i % 2 == 0 ? Map.of("Idempotency-Key", "crash-" + i) : Map.of();
            RawHttp.Reply r = call(first.port(), "POST", "/workflows/sms-lead-followup/test", "{\"seed\":" + i + "}", key);
            assertEquals(202, r.status(), r.body());
            runs.add(Json.mapper().readTree(r.body()).get("run_id").asText());
        }

        // kill -9: no shutdown hook runs; dynalite exits when its stdin closes.
        List<ProcessHandle> children = first.process().descendants().toList();
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle c : children) c.onExit().get(30, TimeUnit.SECONDS);
        int stuck;
        try (Dynalite d = Dynalite.start(data)) {
            stuck = Store.over(new Table(d.client(), "rehearsal-local")).runs().scanRunning().size();
        }
        assertTrue(stuck > 0, "the kill came after every run ended: nothing to recover (make the runs longer)");

        Serve second = serve(data);
        String recovered = String.join("\n", second.lines());
        assertTrue(recovered.contains("resumed " + stuck + " interrupted run(s)"), recovered);
        long restarted = System.nanoTime();
        for (String runId : runs) {
            JsonNode run = awaitEnd(second.port(), runId);
            assertEquals("COMPLETED", run.get("status").asText(), run.toString());
            assertEquals(PersonaCatalog.BUILT_IN_IDS.size(), run.get("tests").size());
            assertEquals(200, call(second.port(), "GET", "/tests/" + runId + "/report", null, Map.of()).status());
            for (String persona : PersonaCatalog.BUILT_IN_IDS) assertWholeTranscript(second.port(), runId, persona);
        }
        // The figures docs/RELIABILITY.md quotes.
        System.out.printf("crash-recovery: %d runs posted, %d RUNNING at kill -9, %d resumed, all %d COMPLETED with whole "
                + "transcripts %.1f s after the restart%n", runs.size(), stuck, stuck, runs.size(),
                (System.nanoTime() - restarted) / 1e9);
    }

    static JsonNode awaitEnd(int port, String runId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode run;
        do {
            run = Json.mapper().readTree(call(port, "GET", "/tests/" + runId, null, Map.of()).body());
            if (!"RUNNING".equals(run.path("status").asText())) return run;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("stuck: " + run);
    }

    /** The persona's interactions are steps 0..n-1, each once, and n is the step count of its session. */
    static void assertWholeTranscript(int port, String runId, String persona) throws Exception {
        JsonNode page = Json.mapper().readTree(call(port, "GET", "/tests/" + runId + "/interactions?limit=100&persona="
                + persona, null, Map.of()).body());
        JsonNode items = page.get("items");
        assertNotNull(items, page.toString());
        for (int i = 0; i < items.size(); i++) assertEquals(i, items.get(i).get("step_index").asInt(), runId + " " + persona);
        assertTrue(items.size() > 0, runId + " " + persona);
    }
}
