package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.local.cli.ServeCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code "runs": "auto"} through {@code rehearse serve}: POST /workflows/{id}/test, the real definition on the
 * local executor (LoadRun, the offline Distributed Map, NextLook looping back for each look, GenerateReport),
 * dynalite. The run must stop where the CLI's {@code --runs auto} stops for the same seed, with the same report.
 */
class RunsAutoServeTest {
    static ServeCommand.Stack stack;
    static final HttpClient http = HttpClient.newHttpClient();
    static String workflow;

    /** The clickers reach the demo invite about 60% of the time: against 40%, 30 walks at 99% often cannot tell. */
    static final String CLICKERS = """
            [{"type": "reaches_step", "step": "demo_invite", "personas": ["eager-eddie", "technical-tim"], "min_pass_rate": 0.4}]""";
    /** Cold Carl is never written to after he opts out: every walk passes, decided at the first look. */
    static final String OPT_OUT = """
            [{"type": "no_message_after_opt_out", "personas": ["cold-carl"]}, {"type": "max_messages", "max": 3}]""";

    @BeforeAll
    static void start() throws Exception {
        stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 4);
        workflow = Files.readString(RuntimeFixture.projectFile("examples/email-nurture.workflow.json"));
        assertEquals(201, call(stack, "PUT", "/workflows/email-nurture", workflow).statusCode());
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    static HttpResponse<String> call(ServeCommand.Stack st, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(st.server().baseUrl() + path))
                .header("X-Rehearsal-Account", "acme").header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return Json.mapper().readTree(r.body());
    }

    /** The CLI's path: Rehearsal.run with runs auto, the API's defaults (start, offline engine). */
    static Report cli(List<String> personas, long seed, String expectations) throws Exception {
        List<Expectation> ex = SuiteParser.expectations(Json.mapper().readTree(expectations));
        return Rehearsal.run(new Rehearsal.Spec(WorkflowParser.parseOrThrow(workflow),
                personas.stream().map(id -> PersonaCatalog.builtIn(id).orElseThrow()).toList(), new OfflinePersonaEngine(),
                SimulationOptions.defaults(seed), ex, null, null, null, Runs.auto(), 1));
    }

    /** Starts a runs-auto run over HTTP, waits for its end; the finished run (GET /tests/{id}) and its report. */
    static JsonNode[] serve(ServeCommand.Stack st, List<String> personas, long seed, String expectations) throws Exception {
        String body = "{\"personas\": " + Json.write(personas) + ", \"seed\": " + seed + ", \"runs\": \"auto\", "
                + "\"expectations\": " + expectations + "}";
        JsonNode started = json(call(st, "POST", "/workflows/email-nurture/test", body), 202);
        assertEquals("auto", started.get("runs").asText());
        String runId = started.get("run_id").asText();
        // Generous: a stepped run of 2 x 480 walks takes ~1-2 minutes on a quiet 2-core box and several times that on a
        // shared one; this waits for the run's end, it does not time it.
        long deadline = System.nanoTime() + 900_000_000_000L;
        JsonNode run;
        do {
            run = json(call(st, "GET", "/tests/" + runId, null), 200);
            if (!run.get("status").asText().equals("RUNNING")) break;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals("COMPLETED", run.get("status").asText(), run.toString());
        JsonNode report = json(call(st, "GET", "/tests/" + runId + "/report", null), 200).get("report");
        return new JsonNode[]{run, report};
    }

    @Test
    void anUndecidedExpectationWalksFurtherLooksAndEndsWithTheClisVerdict() throws Exception {
        List<String> clickers = List.of("eager-eddie", "technical-tim");
        // The first seed the CLI itself needs more than one look for: chosen by the CLI's rule, not by hand.
        long seed = -1;
        Report local = null;
        for (long s = 1; s <= 60 && seed < 0; s++) {
            Report r = cli(clickers, s, CLICKERS);
            if (r.run().walks() > Runs.AUTO_LOOKS[0]) {
                seed = s;
                local = r;
            }
        }
        assertTrue(seed > 0, "some seed in 1..60 leaves the clickers' expectation undecided at 30 walks");

        JsonNode[] served = serve(stack, clickers, seed, CLICKERS);
        JsonNode run = served[0], report = served[1];
        int walks = local.run().walks();
        assertEquals(walks, run.get("runs").asInt(), "GET /tests shows the walks the looks reached");
        assertEquals(clickers.size() * walks, run.get("tests").size(), "one test per (persona, walk), no more");
        assertEquals(local.verdictOrPassed().wire(), run.get("verdict").asText());
        // Byte-identical as text (a parsed number's node type may differ): run info, expectations with their rates, personas.
        JsonNode cliReport = Json.tree(local);
        for (String part : List.of("run", "verdict", "passed", "score", "expectations", "personas", "summary")) {
            assertEquals(String.valueOf(cliReport.get(part)), String.valueOf(report.get(part)), part);
        }
        assertEquals("auto", report.at("/run/runs").asText());
        assertTrue(report.at("/run/stopping").asText().contains("stopped after " + walks), report.at("/run/stopping").asText());
    }

    @Test
    void aDecidedSuiteStopsAtTheFirstLook() throws Exception {
        List<String> people = List.of("cold-carl", "busy-bob");
        JsonNode[] served = serve(stack, people, 5, OPT_OUT);
        JsonNode run = served[0], report = served[1];
        assertEquals(30, run.get("runs").asInt());
        assertEquals(60, run.get("tests").size());
        Report local = cli(people, 5, OPT_OUT);
        assertEquals(30, local.run().walks());
        ObjectNode cliReport = (ObjectNode) Json.tree(local);
        assertEquals(cliReport.get("expectations").toString(), report.get("expectations").toString());
        assertEquals(cliReport.get("run").toString(), report.get("run").toString());
        assertTrue(report.at("/run/stopping").asText().endsWith("stopped after 30 with every expectation decided"),
                report.at("/run/stopping").asText());
    }
}
