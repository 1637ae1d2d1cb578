package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;

/**
 * A responder that answers with the choice set just before the step runs, so a hunt does not
 * depend on how any engine draws its randomness; no LLM is ever called.
 */
final class ScriptedLead implements PersonaResponder {
    private Choice next = Choice.silent();

    void answerNextWith(Choice c) {
        next = c;
    }

    @Override
    public PersonaReply respond(ReplyRequest request) {
        PersonaReply r = next.reply();
        next = Choice.silent();
        return r;
    }

    @Override
    public String name() {
        return "scripted";
    }
}
