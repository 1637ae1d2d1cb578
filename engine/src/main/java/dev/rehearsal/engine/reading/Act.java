package dev.rehearsal.engine.reading;

import java.util.Locale;

/** What an outbound message does, as a person reads it. See {@link MessageReader} for the rules. */
public enum Act {
    /** An appointment reminder or a request to confirm one. */
    REMINDER,
    /** An order, payment, shipping or account notice. */
    TRANSACTIONAL,
    /** A survey, rating or review request. */
    SURVEY,
    /** "We miss you", "are you still interested?". */
    REENGAGEMENT,
    /** An invitation to an event, webinar, workshop or open house. */
    INVITE,
    /** A sales offer: a price, a discount, something free, a trial or a call to book or buy. */
    OFFER,
    /** Content with no ask: tips, guides, news. */
    NURTURE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
