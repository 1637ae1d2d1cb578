package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.store.RunRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A provider still throttling after the call's own retries: ExecuteStep throws (nothing written) so
 * the state machine backs off; on its last retry the step records the error and the run goes on.
 */
class ProviderThrottlingTest {
    static final String ACCOUNT = "acme";

    /** Always throttled, like a provider over its quota. */
    static final class Throttled implements PersonaResponder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public PersonaReply respond(ReplyRequest request) {
            calls.incrementAndGet();
            return PersonaReply.providerFailure("bedrock m: HTTP 429 ThrottlingException: Too many requests",
                    new Usage(0, 0, 0, 0, 4), true);
        }

        @Override
        public String name() {
            return "throttled";
        }
    }

    @Test
    void throttlingThrowsUntilTheLastRetryThenIsRecorded() {
        StepFixture base = new StepFixture();
        Throttled llm = new Throttled();
        StepServices services = new StepServices(base.store, base.services.responder(), 4,
                account -> new LlmJobs(llm, null, null));
        RunRecord run = base.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        ObjectNode init = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId())
                .put("personaId", "eager-eddie");
        JsonNode cursor = new InitSimulation(services).handle(init);
        ExecuteStep step = new ExecuteStep(services);

        for (int retry = 0; retry < ExecuteStep.THROTTLE_RETRIES; retry++) {
            JsonNode in = Json.mapper().createObjectNode().set("cursor", cursor.deepCopy());
            ((ObjectNode) in).put("retryCount", retry);
            assertThrows(ProviderThrottledException.class, () -> step.handle(in));
            assertTrue(base.store.runs().interactions(ACCOUNT, run.runId(), null, 10, null).items().isEmpty(),
                    "nothing is written before the state machine's retry");
        }
        ObjectNode last = Json.mapper().createObjectNode();
        last.set("cursor", cursor.deepCopy());
        last.put("retryCount", ExecuteStep.THROTTLE_RETRIES);
        JsonNode next = step.handle(last);
        assertEquals(1, next.get("stepIndex").asInt(), "the run goes on");
        var stored = base.store.runs().interactions(ACCOUNT, run.runId(), null, 10, null).items();
        assertEquals(1, stored.size());
        JsonNode reply = Json.mapper().valueToTree(Json.convert(parse(stored.get(0).document()), Object.class)).get("reply");
        assertTrue(reply.get("provider_error").asText().contains("429"), reply.toString());
        assertFalse(reply.has("response"), "a provider failure is recorded as no reply");
        assertEquals(ExecuteStep.THROTTLE_RETRIES + 1, llm.calls.get());
    }

    @Test
    void theStateMachineRetriesThrottlingExactlyAsOftenAsTheStepExpects() throws Exception {
        Path asl = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && asl == null; d = d.getParent()) {
            Path p = d.resolve("statemachine/test-run.asl.json");
            if (Files.isRegularFile(p)) asl = p;
        }
        JsonNode execute = Json.mapper().readTree(Files.readString(asl)).findValue("ExecuteStep");
        JsonNode throttleRetry = null;
        for (JsonNode r : execute.get("Retry")) {
            if (r.get("ErrorEquals").toString().contains("ProviderThrottledException")) throttleRetry = r;
        }
        assertNotNull(throttleRetry);
        assertEquals(ExecuteStep.THROTTLE_RETRIES, throttleRetry.get("MaxAttempts").asInt());
        assertEquals("$$.State.RetryCount", execute.at("/Parameters/retryCount.$").asText());
    }

    private static Object parse(String s) {
        try {
            return Json.mapper().readValue(s, Object.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
