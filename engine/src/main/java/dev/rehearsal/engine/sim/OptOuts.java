package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;

import java.util.Locale;
import java.util.Set;

/**
 * Decides, in code, whether a reply opts the contact out of the channel it came on: an opt-out
 * action or intent, or for SMS a carrier opt-out keyword, which carriers honour whatever a model
 * makes of the text.
 */
public final class OptOuts {
    /** The standard SMS opt-out keywords (CTIA), matched as the reply's first word. */
    static final Set<String> SMS_KEYWORDS = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit");

    private OptOuts() {
    }

    public static boolean optsOut(PersonaReply r, Channel channel) {
        if (r.has(Action.OPTED_OUT) || r.has(Action.UNSUBSCRIBED) || r.intent() == Intent.OPT_OUT) return true;
        return channel == Channel.SMS && r.replied() && SMS_KEYWORDS.contains(firstWord(r.response()));
    }

    static String firstWord(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) end++;
        return t.substring(0, end);
    }
}
