package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;

/**
 * Decides, in code, whether a reply opts the contact out of the channel it came on: an opt-out action
 * the CRM sees (an unsubscribe click, a carrier-level opt-out), or the reply classifier reading the
 * text as an opt-out (keywords and clear revocations, {@link dev.rehearsal.engine.reading.OptOutKeywords}).
 * What the lead "meant" is not used: a real CRM does not know it.
 */
public final class OptOuts {
    private OptOuts() {
    }

    /** {@code reading} is the classifier's reading of the reply's text, or null when there is no text. */
    public static boolean optsOut(PersonaReply r, ReplyReading reading, Channel channel) {
        if (r.has(Action.OPTED_OUT) || r.has(Action.UNSUBSCRIBED)) return true;
        return reading != null && reading.optOut();
    }

    /** As above, reading the text with the default rules. */
    public static boolean optsOut(PersonaReply r, Channel channel) {
        return optsOut(r, r.replied() ? ReplyClassifier.rules().classify(r.response()) : null, channel);
    }
}
