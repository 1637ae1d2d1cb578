package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Answers with a fixed script so simulator tests can pin down timing and branching exactly. */
final class ScriptedResponder implements PersonaResponder {
    final Deque<PersonaReply> script = new ArrayDeque<>();
    final List<ReplyRequest> seen = new ArrayList<>();

    ScriptedResponder reply(String text, Intent intent, int latencyMin, Action... actions) {
        script.add(new PersonaReply(text, "scripted", Sentiment.NEUTRAL, intent, 50, Set.of(actions), latencyMin, null, null));
        return this;
    }

    ScriptedResponder silence(Action... actions) {
        script.add(new PersonaReply(null, "scripted silence", Sentiment.NEUTRAL, Intent.NEUTRAL, 10, Set.of(actions), null, null, null));
        return this;
    }

    @Override
    public PersonaReply respond(ReplyRequest request) {
        seen.add(request);
        return script.isEmpty() ? new PersonaReply(null, "out of script", Sentiment.NEUTRAL, Intent.NEUTRAL, 0, Set.of(), null, null, null)
                : script.poll();
    }

    @Override
    public String name() {
        return "scripted";
    }
}
