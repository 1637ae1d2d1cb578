package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Invariant 2 with an LLM, whose answers differ between calls: a retried or duplicated ExecuteStep
 * must keep the session consistent with the interaction on record and not ask the LLM twice.
 */
class ExecuteStepLlmRetryTest {
    static final String ACCOUNT = "acme";
    final StepFixture f = new StepFixture();

    /** Says yes on the first call, STOP on the second: a retry that re-asks would be visible. */
    static final class Fickle implements PersonaResponder {
        final AtomicInteger calls = new AtomicInteger();
        Consumer<ReplyRequest> onCall = r -> { };

        @Override
        public PersonaReply respond(ReplyRequest request) {
            onCall.accept(request);
            return calls.incrementAndGet() == 1
                    ? new PersonaReply("Yes, book me!", "keen", Sentiment.POSITIVE, Intent.READY_TO_BUY, 90,
                    Set.of(Action.REPLIED, Action.BOOKED), 5, null, null)
                    : new PersonaReply("STOP", "changed mind", Sentiment.NEGATIVE, Intent.OPT_OUT, 0,
                    Set.of(Action.REPLIED, Action.OPTED_OUT), 5, null, null);
        }

        @Override
        public String name() {
            return "fickle";
        }
    }

    StepServices services(Fickle llm) {
        return new StepServices(f.store, f.services.responder(), 4, account -> new LlmJobs(llm, null, null));
    }

    JsonNode start(StepServices s, RunRecord run) {
        ObjectNode in = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId())
                .put("personaId", "eager-eddie");
        return new InitSimulation(s).handle(in);
    }

    SimulationSession session(JsonNode cursor) throws Exception {
        PersonaTest t = f.store.runs().getTest(ACCOUNT, cursor.get("testId").asText()).orElseThrow();
        return Json.mapper().readValue(t.session(), SimulationSession.class);
    }

    @Test
    void aRetryAfterACrashReplaysTheRecordedAnswerInsteadOfAskingAgain() throws Exception {
        Fickle llm = new Fickle();
        StepServices s = services(llm);
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        JsonNode c0 = start(s, run);
        PersonaTest before = f.store.runs().getTest(ACCOUNT, c0.get("testId").asText()).orElseThrow();
        JsonNode first = new ExecuteStep(s).handle(c0.deepCopy());
        f.store.runs().saveTest(ACCOUNT, before); // the session save "was lost"
        JsonNode retried = new ExecuteStep(s).handle(c0.deepCopy());
        assertEquals(first, retried);
        assertEquals(1, llm.calls.get(), "the LLM is not asked again for a recorded step");
        SimulationSession after = session(c0);
        assertEquals("Yes, book me!", after.contact.replies.get(0).text());
        assertNull(after.contact.smsOptedOutAt);
    }

    @Test
    void whenAConcurrentAttemptRecordsFirstItsAnswerWins() throws Exception {
        Fickle llm = new Fickle();
        StepServices s = services(llm);
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("eager-eddie"), 7);
        JsonNode c0 = start(s, run);
        // While this attempt waits for its LLM, a twin attempt (answering "Yes") runs the whole step.
        Fickle twinLlm = new Fickle();
        llm.calls.set(1); // this attempt will answer STOP
        llm.onCall = r -> {
            llm.onCall = x -> { };
            new ExecuteStep(services(twinLlm)).handle(c0.deepCopy());
        };
        JsonNode mine = new ExecuteStep(s).handle(c0.deepCopy());
        assertEquals(1, mine.get("stepIndex").asInt());
        SimulationSession after = session(c0);
        assertEquals("Yes, book me!", after.contact.replies.get(0).text(), "the session follows the recorded interaction");
        assertNull(after.contact.smsOptedOutAt);
        var stored = f.store.runs().interactions(ACCOUNT, run.runId(), null, 10, null).items();
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).document().contains("Yes, book me!"));
    }

    @Test
    void aPersonaEditedOrDeletedMidRunDoesNotChangeTheRun() {
        var custom = dev.rehearsal.engine.persona.PersonaParser.parse("""
                {"id":"dana","name":"Decisive Dana","description":"Decides fast.",
                 "personality":{"tone":"direct","response_length":"short","decision_speed":"fast","objection_likelihood":"low"},
                 "contact":{"first_name":"Dana","timezone":"America/Chicago"}}
                """);
        f.store.personas().put(ACCOUNT, custom);
        RunRecord run = f.run(ACCOUNT, StepFixture.exampleWorkflow(), "sms-lead-followup", List.of("dana"), 7);
        ObjectNode in = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId())
                .put("personaId", "dana");
        JsonNode c0 = new InitSimulation(f.services).handle(in);
        assertTrue(f.store.personas().delete(ACCOUNT, "dana"));
        JsonNode c1 = new ExecuteStep(f.services).handle(c0.deepCopy());
        assertEquals(1, c1.get("stepIndex").asInt());
        var doc = f.store.runs().interactions(ACCOUNT, run.runId(), null, 10, null).items().get(0).document();
        assertTrue(doc.contains("Hi Dana"), doc);
    }
}
