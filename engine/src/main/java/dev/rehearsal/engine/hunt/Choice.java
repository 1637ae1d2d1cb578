package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Sentiment;

import java.util.Set;

/**
 * What a scripted lead does with one message: stay silent, reply (with an intent, sentiment and
 * text, after some minutes), opt out, or open / click an email. Forced, never drawn at random.
 */
public record Choice(String label, String text, Intent intent, Sentiment sentiment, Set<Action> actions,
                     Integer latencyMinutes) {

    public Choice {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }

    static Choice silent() {
        return new Choice("no reply", null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(), null);
    }

    PersonaReply reply() {
        return new PersonaReply(text, "scripted lead: " + label, sentiment, intent, 50, actions, latencyMinutes, null, null);
    }
}
