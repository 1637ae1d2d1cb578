package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;

/**
 * Executes exactly one step of one persona: input and output are a {@link Cursor}. Idempotent
 * (DESIGN invariant 2):
 * <ul>
 *   <li>the stored session is ahead of the cursor (the step ran and its session was saved, but
 *       the answer was lost): nothing is executed, the stored cursor is returned;</li>
 *   <li>otherwise the step runs on the stored session; its interaction is written with a
 *       condition on (testId, stepIndex), so a retry after a crash between the two writes keeps
 *       the first record, and the simulator's determinism gives the same next cursor.</li>
 * </ul>
 * Provider throttling that outlasts the call's own retries throws {@link ProviderThrottledException}
 * before anything is written, so the state machine retries the step with its longer backoff; on the
 * state machine's last retry ({@code retryCount} from {@code $$.State.RetryCount}) the step records
 * the provider error instead and the run goes on.
 */
public class ExecuteStep extends StepHandler {
    /** Must equal the MaxAttempts of the ProviderThrottledException retrier in test-run.asl.json. */
    public static final int THROTTLE_RETRIES = 6;

    private final StepServices services;

    public ExecuteStep() {
        this(StepServices.fromEnvironment());
    }

    public ExecuteStep(StepServices services) {
        this.services = services;
    }

    @Override
    public JsonNode handle(JsonNode input) {
        // The state machine passes {cursor, retryCount}; a bare cursor (events/, tests) means the first attempt.
        JsonNode cursor = input.has("cursor") ? input.get("cursor") : input;
        int retryCount = input.path("retryCount").asInt(0);
        Cursor c = Cursor.from(cursor);
        PersonaTest test = services.store().runs().getTest(c.accountId(), c.testId())
                .orElseThrow(() -> new StepInputException("test " + c.testId() + " does not exist"));
        SimulationSession s = RunData.session(test);
        if (s.stepIndex > c.stepIndex() || s.done()) {
            return Cursor.of(c.accountId(), c.runId(), c.testId(), c.personaId(), s).toJson();
        }
        if (s.stepIndex < c.stepIndex()) {
            throw new StepInputException("test " + c.testId() + " is at step " + s.stepIndex + ", the cursor at "
                    + c.stepIndex());
        }
        RunRecord run = RunData.run(services.store(), c.accountId(), c.runId());
        Workflow wf = RunData.workflow(services.store(), run);
        Persona p = RunData.persona(services.store(), c.accountId(), c.personaId());
        PersonaResponder responder = services.responderFor(c.accountId());
        PersonaResponder guarded = retryCount >= THROTTLE_RETRIES ? responder : new ThrottleGuard(responder);
        Interaction in = Simulator.step(wf, p, s, guarded, RunData.options(run));
        services.store().runs().putInteraction(c.accountId(), c.testId(), in.stepIndex(), Json.write(in));
        services.store().runs().saveTest(c.accountId(), new PersonaTest(c.testId(), c.runId(), c.personaId(),
                s.done() ? "SIMULATED" : "RUNNING", Json.write(s), null));
        return Cursor.of(c.accountId(), c.runId(), c.testId(), c.personaId(), s).toJson();
    }

    /** Turns a retryable provider failure into an exception while the state machine can still retry. */
    private record ThrottleGuard(PersonaResponder delegate) implements PersonaResponder {
        @Override
        public PersonaReply respond(ReplyRequest request) {
            PersonaReply r = delegate.respond(request);
            if (r.providerRetryableFailure()) throw new ProviderThrottledException(r.providerError());
            return r;
        }

        @Override
        public String name() {
            return delegate.name();
        }
    }
}
