package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.codec.InteractionCodec;
import dev.rehearsal.engine.codec.SessionCodec;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.functions.observe.JsonLog;
import dev.rehearsal.functions.observe.LogContext;
import dev.rehearsal.functions.observe.RunMetrics;
import dev.rehearsal.store.PersonaTest;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunRepository;
import dev.rehearsal.store.Stored;

import java.util.Optional;

/**
 * Executes the next steps of one persona's walk: input and output are a {@link Cursor}. One invocation
 * runs at most one step that asks the responder for a reply (the paid LLM call) and every free step
 * (delay, condition, tag, wait...) before it, then stops right after it: each state-machine loop thus
 * bills two transitions per reply rather than per step, and no invocation holds two paid calls. Each
 * step is written before the next runs, so every step stays idempotent on its own
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
        // SnapStart: a step's batched read (its own request and response marshalling), of items that never exist
        dev.rehearsal.functions.snapstart.SnapStartPriming.register(() -> services.store().runs()
                .stepState("snapstart-priming", dev.rehearsal.store.TestIds.of("run-priming", "priming"), 0));
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
        try (LogContext.Scope ignored = LogContext.with("accountId", c.accountId(), "runId", c.runId(),
                "personaId", c.personaId(), "step", String.valueOf(c.stepIndex()))) {
            return execute(c, retryCount);
        }
    }

    /** Bounds the free steps one invocation runs (the walk's own max_steps ends it much sooner). */
    static final int MAX_STEPS_PER_INVOCATION = 1_000;

    private JsonNode execute(Cursor c, int retryCount) {
        for (int i = 0; ; i++) {
            Outcome o = executeOne(c, retryCount);
            if (o.paid() || o.cursor().done() || o.replayedCursor() || i + 1 >= MAX_STEPS_PER_INVOCATION) {
                return o.cursor().toJson();
            }
            c = o.cursor();
        }
    }

    /**
     * One step's result: the next cursor; {@code paid} when the step asked the responder for a reply;
     * {@code replayedCursor} when nothing ran because the store was already ahead of the cursor.
     */
    private record Outcome(Cursor cursor, boolean paid, boolean replayedCursor) {
    }

    private Outcome executeOne(Cursor c, int retryCount) {
        RunRepository store = services.store().runs();
        // the test, the run and any earlier attempt's interaction: independent reads, one round trip
        RunRepository.StepState state = store.stepState(c.accountId(), c.testId(), c.stepIndex());
        PersonaTest test = state.test()
                .orElseThrow(() -> new StepInputException("test " + c.testId() + " does not exist"));
        SimulationSession s = RunData.session(test);
        if (s.stepIndex > c.stepIndex() || s.done()) {
            return new Outcome(Cursor.of(c.accountId(), c.runId(), c.testId(), c.personaId(), s), false, true);
        }
        if (s.stepIndex < c.stepIndex()) {
            throw new StepInputException("test " + c.testId() + " is at step " + s.stepIndex + ", the cursor at "
                    + c.stepIndex());
        }
        RunRecord run = state.run().orElseThrow(() -> new StepInputException("run " + c.runId() + " does not exist"));
        if (run.status() != dev.rehearsal.store.RunStatus.RUNNING) {
            // Cancelled (or ended) meanwhile: no further step, and no LLM call paid for.
            throw new StepInputException("run " + run.runId() + " is " + run.status() + ", not RUNNING");
        }
        Workflow wf = RunData.workflow(services.store(), run);
        Persona p = s.persona != null ? s.persona : RunData.persona(services.store(), run, c.personaId());
        SimulationOptions options = RunData.options(run);
        SimulationSession before = RunData.session(test); // s as read: a copy without a JSON round trip through the mapper
        // A previous attempt may have recorded this step and died before saving the session: replay its
        // answer instead of asking the LLM again, so the session follows the interaction on record.
        Optional<dev.rehearsal.store.Interaction> prior = state.interaction();
        PersonaResponder responder = prior.isPresent() ? recorded(prior.get())
                : retryCount >= THROTTLE_RETRIES ? services.responderFor(c.accountId())
                : new ThrottleGuard(services.responderFor(c.accountId()));
        String provider = services.responderFor(c.accountId()).name();
        ReplyClassifier classifier = services.classifierFor(c.accountId(), wf.settings());
        if (prior.isPresent()) classifier = recordedReading(prior.get(), classifier);
        Interaction in;
        try {
            in = Simulator.step(wf, p, s, responder, options, classifier);
        } catch (ProviderThrottledException e) {
            RunMetrics.reply(provider, null, true);
            JsonLog.warn("provider throttled; the state machine retries the step", java.util.Map.of("retryCount", retryCount), null);
            throw e;
        }
        if (prior.isEmpty()) RunMetrics.reply(provider, in.reply(), false);
        // Facts only: which step, what it was, whether the provider failed; never the message or the reply.
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("stepId", in.stepId());
        fields.put("stepType", in.stepType());
        fields.put("replayed", prior.isPresent());
        fields.put("providerError", in.reply() != null && in.reply().providerError() != null);
        JsonLog.info("step executed", fields);
        String document = InteractionCodec.write(in);
        Stored<dev.rehearsal.store.Interaction> stored = store.putInteraction(c.accountId(), c.testId(), in.stepIndex(),
                document);
        if (!stored.created() && !stored.value().document().equals(document)) {
            // A concurrent attempt recorded a different answer first: that one is the truth.
            s = before;
            Simulator.step(wf, p, s, recorded(stored.value()), options, recordedReading(stored.value(), classifier));
        }
        boolean advanced = store.advanceTest(c.accountId(), new PersonaTest(c.testId(), c.runId(), c.personaId(),
                s.done() ? "SIMULATED" : "RUNNING", SessionCodec.write(s), null), s.stepIndex);
        if (!advanced) {
            // Another attempt already moved the session past this step: answer its cursor.
            s = RunData.session(store.getTest(c.accountId(), c.testId()).orElseThrow());
        }
        return new Outcome(Cursor.of(c.accountId(), c.runId(), c.testId(), c.personaId(), s), in.reply() != null, false);
    }

    /** Answers with the reply an earlier attempt recorded for this step. */
    private static PersonaResponder recorded(dev.rehearsal.store.Interaction stored) {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(stored.document());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored interaction " + stored.testId() + "#" + stored.stepIndex()
                    + " is unreadable", e);
        }
        PersonaReply reply = doc.hasNonNull("reply") ? Json.convert(doc.get("reply"), PersonaReply.class) : null;
        return new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                if (reply == null) throw new IllegalStateException("step " + stored.stepIndex() + " of " + stored.testId()
                        + " recorded no reply, yet the replay asks for one");
                return reply;
            }

            @Override
            public String name() {
                return "recorded";
            }
        };
    }

    /**
     * Reads the reply as an earlier attempt's record says it was read, so a retried step does not ask an LLM
     * classifier again (its answer may differ); records without a reading fall back to {@code live}.
     */
    private static ReplyClassifier recordedReading(dev.rehearsal.store.Interaction stored, ReplyClassifier live) {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(stored.document());
        } catch (java.io.IOException e) {
            return live;
        }
        if (!doc.hasNonNull("reading")) return live;
        ReplyReading reading = Json.convert(doc.get("reading"), ReplyReading.class);
        return new ReplyClassifier() {
            @Override
            public ReplyReading classify(String replyText) {
                return reading;
            }

            @Override
            public String name() {
                return reading.classifier() == null ? live.name() : reading.classifier();
            }
        };
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
