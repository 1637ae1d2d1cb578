package dev.rehearsal.providers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/** Persona replies from an LLM, as the same typed record the offline engine fills. */
public final class LlmPersonaResponder implements PersonaResponder {
    private final StructuredCaller caller;
    private final PersonaPromptBuilder prompts;
    private final UsageMeter meter;
    /** The last model version the provider reported; a run uses one model, so the last one stands for all. */
    private volatile String servedModel;

    public LlmPersonaResponder(StructuredCaller caller, PersonaPromptBuilder prompts, UsageMeter meter) {
        this.caller = caller;
        this.prompts = prompts;
        this.meter = meter;
    }

    @Override
    public PersonaReply respond(ReplyRequest request) {
        StructuredCaller.Result r = caller.call(prompts.build(request));
        meter.add(r.usage());
        if (!r.ok()) return PersonaReply.providerFailure(r.error(), r.usage(), r.retryable());
        if (r.servedModel() != null) servedModel = r.servedModel();
        return toReply(r.value(), request).withUsage(r.usage());
    }

    /**
     * Schema-valid JSON to the record; "replied" follows the presence of a response, whatever the model said.
     * The latency is computed here from the model's "reply_when", the arrival time and the persona's
     * availability ({@link Availability}: code owns time); the model's wish and the rule applied are both
     * on the record ({@code reply_when}), and an answer code could not bring into character is marked.
     */
    static PersonaReply toReply(JsonNode n, ReplyRequest request) {
        String response = n.path("response").isTextual() ? n.get("response").asText() : null;
        if (response != null && (response.isBlank() || response.strip().equals("NO_RESPONSE"))) response = null;
        Set<Action> actions = EnumSet.noneOf(Action.class);
        n.path("actions").forEach(a -> actions.add(Action.fromWire(a.asText())));
        if (response != null) actions.add(Action.REPLIED);
        else actions.remove(Action.REPLIED);
        String when = response != null && n.path("reply_when").isTextual() ? n.get("reply_when").asText() : null;
        if (response != null && when == null) when = "now";
        // Each walk its own draws (walk 0 keeps the run's seed, so recorded runs keep their timing).
        long seed = request.walk() == 0 ? request.seed() : dev.rehearsal.engine.random.Draws.walkSeed(request.seed(), request.walk());
        Availability.Decision d = Availability.decide(request.persona(), when, response, arrival(request), seed,
                request.stepIndex());
        return new PersonaReply(response, n.path("reasoning").asText(), Sentiment.fromWire(n.path("sentiment").asText()),
                Intent.fromWire(n.path("intent").asText()), n.path("likely_to_convert").asInt(), actions,
                d.latencyMinutes(), null, null, null, d.when(), d.outOfCharacter());
    }

    static LocalDateTime arrival(ReplyRequest r) {
        String z = r.situation() != null && r.situation().timezone() != null ? r.situation().timezone() : r.persona().timezone();
        ZoneId zone;
        try {
            zone = z == null ? ZoneOffset.UTC : ZoneId.of(z);
        } catch (RuntimeException e) {
            zone = ZoneOffset.UTC;
        }
        return Instant.ofEpochMilli(r.sentAt()).atZone(zone).toLocalDateTime();
    }

    @Override
    public dev.rehearsal.engine.llm.ResponderInfo info() {
        return new dev.rehearsal.engine.llm.ResponderInfo(caller.model().provider(), caller.model().model(), servedModel,
                PersonaPromptBuilder.VERSION);
    }

    @Override
    public String name() {
        return caller.model().provider() + ":" + caller.model().model();
    }
}
