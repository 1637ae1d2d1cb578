package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.store.Interaction;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.TestIds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole offline walks per invocation: the same records as stepping, and idempotent when retried. */
class SimulateWalksTest {
    static final String ACCOUNT = "acme";
    final StepFixture f = new StepFixture();

    RunRecord run(int walks) {
        int v = f.store.workflows().save(ACCOUNT, "sms", StepFixture.exampleWorkflow()).value().version();
        return f.store.runs().create(ACCOUNT, "run-" + UUID.randomUUID().toString().replace("-", ""), "sms", v,
                List.of("skeptical-sarah", "cold-carl"), 7, walks).value();
    }

    ObjectNode range(RunRecord run, String persona, int first, int last) {
        return Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId()).put("personaId", persona)
                .put("firstWalk", first).put("lastWalk", last);
    }

    List<Interaction> interactions(RunRecord run, String persona, int walk) {
        return f.store.runs().interactions(ACCOUNT, run.runId(), TestIds.of(run.runId(), persona, walk), 200, null).items();
    }

    @Test
    void aBatchWritesWhatSteppingEachWalkWrites() {
        RunRecord batched = run(3), stepped = run(3);
        JsonNode out = new SimulateWalks(f.services).handle(range(batched, "skeptical-sarah", 0, 2));
        assertEquals(3, out.get("walked").asInt());
        for (int walk = 0; walk < 3; walk++) {
            JsonNode c = new InitSimulation(f.services).handle(Json.mapper().createObjectNode().put("accountId", ACCOUNT)
                    .put("runId", stepped.runId()).put("personaId", "skeptical-sarah").put("walk", walk));
            while (!c.get("done").asBoolean()) c = new ExecuteStep(f.services).handle(c);
            new FinishSimulation(f.services).handle(c);
            List<String> a = new ArrayList<>(), b = new ArrayList<>();
            interactions(batched, "skeptical-sarah", walk).forEach(i -> a.add(i.document()));
            interactions(stepped, "skeptical-sarah", walk).forEach(i -> b.add(i.document()));
            assertTrue(!a.isEmpty());
            assertEquals(b, a, "walk " + walk);
            PersonaTest tb = f.store.runs().getTest(ACCOUNT, TestIds.of(batched.runId(), "skeptical-sarah", walk)).orElseThrow();
            PersonaTest ts = f.store.runs().getTest(ACCOUNT, TestIds.of(stepped.runId(), "skeptical-sarah", walk)).orElseThrow();
            assertEquals("COMPLETED", tb.status());
            assertEquals(ts.session(), tb.session());
        }
    }

    @Test
    void aRetriedBatchRewritesNothingAndFinishesTheWalkACrashCutShort() {
        RunRecord run = run(3);
        SimulateWalks handler = new SimulateWalks(f.services);
        handler.handle(range(run, "cold-carl", 0, 2));
        List<Interaction> first = new ArrayList<>();
        for (int w = 0; w < 3; w++) first.addAll(interactions(run, "cold-carl", w));
        String walk0At = f.store.runs().getTest(ACCOUNT, TestIds.of(run.runId(), "cold-carl", 0)).orElseThrow().updatedAt();
        // Walk 1 "crashed" after writing its interactions but before its final save.
        String walk1 = TestIds.of(run.runId(), "cold-carl", 1);
        f.store.runs().saveTest(ACCOUNT, new PersonaTest(walk1, run.runId(), "cold-carl", "PENDING", null, null));
        JsonNode again = handler.handle(range(run, "cold-carl", 0, 2));
        assertEquals(1, again.get("walked").asInt(), "only the walk that had not completed is walked again");
        assertEquals(walk0At, f.store.runs().getTest(ACCOUNT, TestIds.of(run.runId(), "cold-carl", 0)).orElseThrow().updatedAt());
        assertEquals("COMPLETED", f.store.runs().getTest(ACCOUNT, walk1).orElseThrow().status());
        List<Interaction> after = new ArrayList<>();
        for (int w = 0; w < 3; w++) after.addAll(interactions(run, "cold-carl", w));
        assertEquals(first, after, "every interaction kept as first written (documents and createdAt)");
    }

    @Test
    void refusesRangesOutsideTheRunAndLlmResponders() {
        RunRecord run = run(2);
        SimulateWalks handler = new SimulateWalks(f.services);
        assertThrows(StepInputException.class, () -> handler.handle(range(run, "cold-carl", 0, 2)));
        assertThrows(StepInputException.class, () -> handler.handle(range(run, "busy-bob", 0, 0)));
        PersonaResponder paid = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                throw new AssertionError("no paid call may be made by a batch");
            }

            @Override
            public String name() {
                return "openai:gpt-test";
            }
        };
        StepInputException e = assertThrows(StepInputException.class,
                () -> new SimulateWalks(new StepServices(f.store, paid)).handle(range(run, "cold-carl", 0, 0)));
        assertTrue(e.getMessage().contains("openai:gpt-test"), e.getMessage());
    }

    @Test
    void loadRunPlansOfflineRangesAndSteppedChildrenByHistory() {
        RunRecord run = run(120);
        ObjectNode ref = Json.mapper().createObjectNode().put("accountId", ACCOUNT).put("runId", run.runId());
        JsonNode offline = new LoadRun(f.services).handle(ref);
        assertEquals("offline", offline.get("engine").asText());
        assertEquals(6, offline.get("walkBatches").size(), "2 personas x 120 walks in ranges of 50");
        assertEquals("{\"personaId\":\"skeptical-sarah\",\"firstWalk\":100,\"lastWalk\":119}",
                offline.get("walkBatches").get(2).toString());
        PersonaResponder paid = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                throw new AssertionError();
            }

            @Override
            public String name() {
                return "openai:gpt-test";
            }
        };
        JsonNode stepped = new LoadRun(new StepServices(f.store, paid)).handle(ref);
        assertEquals("stepped", stepped.get("engine").asText());
        int perChild = WalkPlan.steppedWalksPerChild(dev.rehearsal.engine.workflow.WorkflowSettings.DEFAULT_MAX_STEPS);
        assertEquals(2 * (int) Math.ceil(120.0 / perChild), stepped.get("walkBatches").size());
        assertTrue(Json.write(offline).length() < 1024, "state stays ids and ranges: " + offline);
    }
}
