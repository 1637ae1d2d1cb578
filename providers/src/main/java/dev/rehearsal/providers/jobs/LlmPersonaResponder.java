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
        return toReply(r.value()).withUsage(r.usage());
    }

    /** Schema-valid JSON to the record; "replied" follows the presence of a response, whatever the model said. */
    static PersonaReply toReply(JsonNode n) {
        String response = n.path("response").isTextual() ? n.get("response").asText() : null;
        if (response != null && (response.isBlank() || response.strip().equals("NO_RESPONSE"))) response = null;
        Set<Action> actions = EnumSet.noneOf(Action.class);
        n.path("actions").forEach(a -> actions.add(Action.fromWire(a.asText())));
        if (response != null) actions.add(Action.REPLIED);
        else actions.remove(Action.REPLIED);
        JsonNode latency = n.path("reply_latency_minutes");
        Integer latencyMinutes = response != null && latency.isIntegralNumber() ? latency.asInt() : null;
        return new PersonaReply(response, n.path("reasoning").asText(), Sentiment.fromWire(n.path("sentiment").asText()),
                Intent.fromWire(n.path("intent").asText()), n.path("likely_to_convert").asInt(), actions,
                latencyMinutes, null, null);
    }

    @Override
    public String name() {
        return caller.model().provider() + ":" + caller.model().model();
    }
}
