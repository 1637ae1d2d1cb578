package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.persona.Persona;

/**
 * Code checks that a reply fits the persona's declared traits (docs/REPORT.md, "Attribution"). A
 * reply that contradicts them — Cold Carl "ready to buy", Busy Bob writing 200 words — is the
 * simulator's failure, not the workflow's: its walk is excluded from pass rates and listed. LLM replies
 * also carry the responder's own check against the behavior knobs ({@link PersonaReply#outOfCharacter()}:
 * an answer insisted on outside active hours, or in another language; docs/PROVIDERS.md).
 */
public final class CharacterCheck {
    /** A "short" responder writing more than this many words is out of character. */
    static final int SHORT_MAX_WORDS = 40;

    private CharacterCheck() {
    }

    /** Why the reply contradicts the persona, or null when it fits. */
    public static String violation(Persona p, PersonaReply r) {
        if (r == null || r.providerError() != null) return null;
        // What the responder found itself (LLM replies: hours and language against the behavior knobs).
        if (r.outOfCharacter() != null) return p.name() + ": " + r.outOfCharacter();
        boolean eager = r.intent() == Intent.READY_TO_BUY || r.intent() == Intent.INTERESTED;
        if (eager && p.hasTrait("opts_out_of_marketing")) {
            return p.name() + " is declared to opt out of marketing, but the reply reads as " + r.intent().wire();
        }
        if (r.intent() == Intent.READY_TO_BUY && p.hasTrait("not_interested")) {
            return p.name() + " is declared not interested, but the reply reads as ready_to_buy";
        }
        if (r.replied() && p.personality() != null && "short".equals(p.personality().responseLength())) {
            int words = r.response().trim().split("\\s+").length;
            if (words > SHORT_MAX_WORDS) {
                return p.name() + " is declared to write short replies, but wrote " + words + " words";
            }
        }
        return null;
    }
}
