package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.sim.ScriptedWorld;

import java.util.Map;
import java.util.Set;

/**
 * What a scripted lead does with one message: stay silent, reply (with an intent, sentiment and
 * text, after some minutes), opt out, or open / click an email. Or, at a step that is not the lead's
 * to decide, what the world does: a message not delivered ({@code delivered} false), an external
 * call's outcome and outputs ({@code call}). Forced, never drawn at random. {@code risky}: a timing
 * or outcome the defect hunt tries on paths the walks already covered.
 */
public record Choice(String label, String text, Intent intent, Sentiment sentiment, Set<Action> actions,
                     Integer latencyMinutes, boolean delivered, ScriptedWorld.CallOutcome call, boolean risky) {

    public Choice {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }

    Choice(String label, String text, Intent intent, Sentiment sentiment, Set<Action> actions, Integer latencyMinutes) {
        this(label, text, intent, sentiment, actions, latencyMinutes, true, null, false);
    }

    static Choice silent() {
        return new Choice("no reply", null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(), null);
    }

    static Choice undelivered() {
        return new Choice("the message is not delivered", null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(), null, false, null, true);
    }

    static Choice call(String label, boolean ok, Map<String, String> outputs) {
        return new Choice(label, null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(), null, true,
                new ScriptedWorld.CallOutcome(ok, Map.copyOf(outputs)), true);
    }

    Choice asRisky() {
        return new Choice(label, text, intent, sentiment, actions, latencyMinutes, delivered, call, true);
    }

    PersonaReply reply() {
        return new PersonaReply(text, "scripted lead: " + label, sentiment, intent, 50, actions, latencyMinutes, null, null);
    }
}
