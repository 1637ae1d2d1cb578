package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.random.Draws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Trigger;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the world outside the workflow contributes to a walk: data the trigger supplies (inputs),
 * the outcome and response of external calls, and the lead's opening message on an inbound
 * trigger. Kept out of {@link Simulator} so its step loop stays a table of step types.
 */
final class ExternalSteps {
    /** Share of external calls that succeed when neither the step nor the settings say. */
    static final double DEFAULT_SUCCESS_RATE = 0.95;
    private static final String PROMPT_FALLBACK = "Text us with any question and we will reply.";
    private static final String OPENING_FALLBACK = "Hi";

    private ExternalSteps() {
    }

    /** Gives each declared input the contact lacks a value: one of its values (drawn per walk) or its example. */
    static void fillInputs(Workflow wf, SimulationSession s) {
        for (Map.Entry<String, JsonNode> in : DeclaredFields.inputs(wf).entrySet()) {
            String current = s.contact.fields.get(in.getKey());
            if (current != null && !current.isEmpty()) continue;
            String v = value(in.getValue(), s, "inputs", 0, "input:" + in.getKey());
            if (v != null) s.contact.fields.put(in.getKey(), v);
        }
    }

    /** Draws an external call's outcome; on success the call's outputs land on the contact. */
    static boolean call(Workflow wf, SimulationSession s, Step step, int visit) {
        double rate = step.config().has("success_rate") ? step.config().get("success_rate").asDouble()
                : wf.source() == null ? DEFAULT_SUCCESS_RATE
                : wf.source().path("settings").path("external_call_success_rate").asDouble(DEFAULT_SUCCESS_RATE);
        boolean ok = Draws.of(s.seed, s.walk, s.personaId, step.id(), visit).uniform("external_call") < rate;
        if (!ok) return false;
        step.config().path("outputs").fields().forEachRemaining(o -> {
            String v = value(o.getValue(), s, step.id(), visit, "output:" + o.getKey());
            if (v != null) s.contact.fields.put(o.getKey(), v);
        });
        return true;
    }

    /** A scripted outcome (branch hunting): its outputs land on the contact when it succeeded. */
    static boolean apply(SimulationSession s, ScriptedWorld.CallOutcome outcome) {
        if (outcome.succeeded()) s.contact.fields.putAll(outcome.outputs());
        return outcome.succeeded();
    }

    /** An SMS to an opted-out contact when the workflow says its sender refuses those (as Twilio does). */
    static boolean blockedBySender(Workflow wf, SimulationSession s, Step step) {
        return step.type() == dev.rehearsal.engine.workflow.StepType.SEND_SMS && wf.source() != null
                && wf.source().path("settings").path("sender_blocks_opted_out").asBoolean(false)
                && s.contact.smsOptedOut(s.clock);
    }

    private static String value(JsonNode spec, SimulationSession s, String stepId, int visit, String purpose) {
        JsonNode values = spec.path("values");
        if (values.isArray() && !values.isEmpty()) {
            List<String> list = new ArrayList<>();
            values.forEach(x -> list.add(x.asText()));
            return list.get(Draws.of(s.seed, s.walk, s.personaId, stepId, visit).stream(purpose).nextInt(list.size()));
        }
        return spec.hasNonNull("example") ? spec.get("example").asText() : null;
    }

    /**
     * On an inbound trigger, the lead's first message: fixed by the workflow, or the persona's answer
     * to the trigger's prompt. A persona who would not write (or would write only to opt out) did
     * not start this conversation at all, so a bare "Hi" stands in: the walk is about leads who did.
     * Returns the note for the first interaction, or null when the trigger is not inbound.
     */
    static String openConversation(Workflow wf, Persona persona, SimulationSession s, PersonaResponder responder) {
        Trigger t = Trigger.of(wf);
        if (!t.inbound()) return null;
        Channel ch = "email".equals(t.channel()) ? Channel.EMAIL : Channel.SMS;
        String text = t.openingMessage();
        String how = "given by the workflow";
        PersonaReply r = null;
        if (text == null) {
            String prompt = t.prompt() != null ? t.prompt() : PROMPT_FALLBACK;
            r = responder.respond(new ReplyRequest(persona, new OutboundMessage("trigger", ch, null, prompt), List.of(),
                    s.seed, -1, s.clock, Simulator.localTime(s), null, s.walk, 1));
            s.usage = s.usage.plus(r.usage());
            if (r.replied() && r.intent() != Intent.OPT_OUT) {
                text = r.response();
                how = "written by the persona";
            } else {
                r = null;
                text = OPENING_FALLBACK;
                how = "the persona would not have written first; \"" + OPENING_FALLBACK + "\" stands in";
            }
        }
        s.contact.fields.put(t.saveTo(), text);
        s.contact.replies.add(new ReplyRecord("trigger", ch, text, r == null ? null : r.intent(),
                r == null ? null : r.sentiment(), s.clock, true));
        Simulator.remember(s, new Turn(true, ch, null, text, s.clock));
        return "the lead wrote first (" + how + "): \"" + text + "\"";
    }
}
