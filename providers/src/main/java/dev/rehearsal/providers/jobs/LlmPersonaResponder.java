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
        return toReply(r.value(), request).withUsage(r.usage());
    }

    /**
     * Schema-valid JSON to the record; "replied" follows the presence of a response, whatever the model said.
     * The latency is computed here from the model's "reply_when" and the arrival time (code owns time); the
     * model's own words are kept in the reasoning, so both are on the record.
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
        Integer latencyMinutes = ReplyTiming.minutes(when, arrival(request), request.seed(), request.stepIndex());
        String reasoning = n.path("reasoning").asText() + (when == null ? "" : " [reply_when: " + when + "]");
        return new PersonaReply(response, reasoning, Sentiment.fromWire(n.path("sentiment").asText()),
                Intent.fromWire(n.path("intent").asText()), n.path("likely_to_convert").asInt(), actions,
                latencyMinutes, null, null);
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
    public String name() {
        return caller.model().provider() + ":" + caller.model().model();
    }
}
