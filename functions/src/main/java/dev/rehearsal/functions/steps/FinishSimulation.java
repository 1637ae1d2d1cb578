package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.store.PersonaTest;

/** Ends a persona's loop: marks its test COMPLETED (idempotent) and returns a one-line summary. */
public class FinishSimulation extends StepHandler {
    private final StepServices services;

    public FinishSimulation() {
        this(StepServices.fromEnvironment());
    }

    public FinishSimulation(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        Cursor c = Cursor.from(input);
        PersonaTest test = services.store().runs().getTest(c.accountId(), c.testId())
                .orElseThrow(() -> new StepInputException("test " + c.testId() + " does not exist"));
        SimulationSession s = RunData.session(test);
        if (!s.done()) throw new StepInputException("test " + c.testId() + " has not finished (step " + s.stepIndex + ")");
        if (!"COMPLETED".equals(test.status())) {
            services.store().runs().saveTest(c.accountId(), new PersonaTest(test.testId(), test.runId(),
                    test.personaId(), "COMPLETED", test.session(), null));
            // The walk's time: from its first recorded step to now.
            services.store().runs().getInteraction(c.accountId(), c.testId(), 0).ifPresent(first -> RunMetrics.walkFinished(
                    java.time.Duration.between(java.time.Instant.parse(first.createdAt()), java.time.Instant.now()).toMillis()));
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("testId", c.testId());
        out.put("endReason", s.endReason == null ? null : s.endReason.wire());
        out.put("steps", s.stepIndex);
        return out;
    }
}
