package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.llm.LlmJobsFactory;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.local.testing.OllamaStub;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The state machine with an LLM provider configured the way template.yaml configures the functions
 * (PROVIDER, PROVIDER_MODEL, PROVIDER_BASE_URL), against a loopback Ollama: replies come from the LLM,
 * ValidateMessages stores the analyses and GenerateReport turns them into findings and recommendations.
 */
class LlmRunTest {
    @Test
    void analysesRepliesAndRecommendationsFlowThroughTheRun() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/broken-blast.workflow.json"));
        RunRecord run = StateMachineRunTest.newRun(store, wf, "broken-blast", List.of("price-conscious-pam", "busy-bob"));
        try (OllamaStub ollama = new OllamaStub()) {
            Map<String, String> env = Map.of("PROVIDER", "ollama", "PROVIDER_MODEL", "llama3.2",
                    "PROVIDER_BASE_URL", ollama.baseUrl());
            var replays = store.replayCache();
            var llm = LlmJobsFactory.fromEnvironment(env, replays, name -> fail("ollama without a key parameter reads no key"));
            StepServices services = new StepServices(store, new OfflinePersonaEngine(), 2, llm);
            try (LocalRuntime rt = new LocalRuntime(SamTemplate.load(RuntimeFixture.projectFile("template.yaml")), services)) {
                Execution ex = rt.start(new RunRef(StateMachineRunTest.ACCOUNT, run.runId(), run.workflowId(),
                        run.workflowVersion())).await(60, TimeUnit.SECONDS);
                assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
            }
            JsonNode report = Json.mapper().readTree(store.runs().report(StateMachineRunTest.ACCOUNT, run.runId())
                    .orElseThrow().document());
            assertEquals(4, report.get("message_analyses").size());
            assertTrue(report.get("issues").toString().contains("tone_issue"));
            assertTrue(report.get("recommendations").toString().contains(OllamaStub.RECOMMENDATION));
            assertTrue(report.at("/run/responder").asText().contains("llama3.2"), report.at("/run").toString());
            JsonNode firstReply = report.at("/personas/0/transcript/0/reply");
            assertEquals("What does it cost?", firstReply.get("response").asText());
            assertTrue(ollama.requests.size() >= 4 + 2 + 1, "analyses, replies and recommendations: " + ollama.requests.size());
        }
    }

    @Test
    void aThrottledProviderIsRetriedByTheStateMachineAndTheRunCompletes() throws Exception {
        Store store = RuntimeFixture.freshStore();
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        RunRecord run = StateMachineRunTest.newRun(store, wf, "sms-lead-followup", List.of("eager-eddie"));
        var offline = new OfflinePersonaEngine();
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        dev.rehearsal.engine.llm.PersonaResponder throttledTwice = new dev.rehearsal.engine.llm.PersonaResponder() {
            @Override
            public dev.rehearsal.engine.llm.PersonaReply respond(dev.rehearsal.engine.llm.ReplyRequest r) {
                return calls.incrementAndGet() <= 2
                        ? dev.rehearsal.engine.llm.PersonaReply.providerFailure("bedrock m: HTTP 429 ThrottlingException",
                        dev.rehearsal.engine.llm.Usage.NONE, true)
                        : offline.respond(r);
            }

            @Override
            public String name() {
                return "throttled-twice";
            }
        };
        StepServices services = new StepServices(store, offline, 1,
                account -> new dev.rehearsal.functions.llm.LlmJobs(throttledTwice, null, null));
        Execution ex;
        try (LocalRuntime rt = new LocalRuntime(SamTemplate.load(RuntimeFixture.projectFile("template.yaml")), services)) {
            ex = rt.start(new RunRef(StateMachineRunTest.ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()))
                    .await(60, TimeUnit.SECONDS);
        }
        assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex.toString());
        // The steps run in the Distributed Map's child executions, each with its own history.
        long throttled = java.util.stream.Stream.concat(java.util.stream.Stream.of(ex), ex.children().stream())
                .flatMap(x -> x.history().events().stream()).filter(e -> e.details() != null
                && "dev.rehearsal.functions.steps.ProviderThrottledException".equals(e.details().path("error").asText())).count();
        assertTrue(throttled >= 2, "the Retry on the class name Lambda reports caught both throttles: " + throttled);
        JsonNode report = Json.mapper().readTree(store.runs().report(StateMachineRunTest.ACCOUNT, run.runId())
                .orElseThrow().document());
        JsonNode first = report.at("/personas/0/transcript/0/reply");
        assertFalse(first.has("provider_error"), "the step was retried, not recorded as failed: " + first);
    }
}
