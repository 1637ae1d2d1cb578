package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.sim.ScriptedWorld;
import dev.rehearsal.engine.workflow.Step;

/**
 * A responder that answers with the choice set just before the step runs, so a hunt does not
 * depend on how any engine draws its randomness; no LLM is ever called. It also plays the world
 * outside the lead (delivery, external calls) when the choice says so; otherwise the simulation draws.
 */
final class ScriptedLead implements PersonaResponder, ScriptedWorld {
    private Choice next = Choice.silent();

    void answerNextWith(Choice c) {
        next = c;
    }

    /** After each step: what was not used does not carry over to the next one. */
    void clear() {
        next = Choice.silent();
    }

    @Override
    public PersonaReply respond(ReplyRequest request) {
        PersonaReply r = next.reply();
        next = Choice.silent();
        return r;
    }

    @Override
    public CallOutcome externalCall(Step step) {
        return next.call();
    }

    @Override
    public boolean delivers(Step step) {
        return next.delivered();
    }

    @Override
    public String name() {
        return "scripted";
    }
}
