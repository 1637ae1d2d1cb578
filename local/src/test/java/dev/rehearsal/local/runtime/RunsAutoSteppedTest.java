package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.local.cli.ServeCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code "runs": "auto"} with an LLM provider, as the CLI allows it (looks up to its cap): the looks loop through
 * WalkStepped (one step per task) instead of the offline batches. The "provider" answers with the offline
 * engine's replies under another name, so the CLI's walks for the same seed are known and the looks must agree.
 */
class RunsAutoSteppedTest {
    static final PersonaResponder OFFLINE = new OfflinePersonaEngine();
    static final PersonaResponder STUB_LLM = new PersonaResponder() {
        @Override
        public PersonaReply respond(ReplyRequest request) {
            return OFFLINE.respond(request);
        }

        @Override
        public String name() {
            return "stub-llm";
        }
    };

    @Test
    void anUndecidedExpectationLoopsThroughSteppedWalksToTheClisLook() throws Exception {
        MessageAnalyst analyst = (m, marketing) -> new MessageAnalysis(m.stepId(), 10, List.of(), "friendly", 90,
                List.of(), Usage.NONE, null);
        LlmJobs jobs = new LlmJobs(STUB_LLM, analyst, null);
        String wf = Files.readString(RuntimeFixture.projectFile("examples/email-nurture.workflow.json"));
        List<String> clickers = List.of("eager-eddie", "technical-tim");
        // Seed 3 leaves the clickers' 40% undecided at 30 offline walks (RunsAutoServeTest finds it the same way).
        Report cli = Rehearsal.run(new Rehearsal.Spec(WorkflowParser.parseOrThrow(wf),
                clickers.stream().map(id -> PersonaCatalog.builtIn(id).orElseThrow()).toList(), STUB_LLM,
                SimulationOptions.defaults(3), SuiteParser.expectations(Json.mapper().readTree(RunsAutoServeTest.CLICKERS)),
                null, null, null, Runs.auto(), 1));
        assertTrue(cli.run().walks() > 30, "the CLI walks more than one look: " + cli.run().walks());
        try (ServeCommand.Stack stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 4,
                a -> jobs)) {
            assertEquals(201, RunsAutoServeTest.call(stack, "PUT", "/workflows/email-nurture", wf).statusCode());
            JsonNode[] served = RunsAutoServeTest.serve(stack, clickers, 3, RunsAutoServeTest.CLICKERS);
            JsonNode run = served[0], report = served[1];
            assertEquals(cli.run().walks(), run.get("runs").asInt());
            assertEquals(cli.verdictOrPassed().wire(), run.get("verdict").asText());
            JsonNode expected = Json.tree(cli).get("expectations");
            assertEquals(expected.size(), report.get("expectations").size());
            for (int i = 0; i < expected.size(); i++) {
                for (String f : List.of("passes", "trials", "verdict")) {
                    assertEquals(expected.get(i).get(f).toString(), report.get("expectations").get(i).get(f).toString(),
                            f + " of " + expected.get(i));
                }
            }
        }
    }
}
