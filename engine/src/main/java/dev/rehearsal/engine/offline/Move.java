package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;

/** What a reply does, before it is written; each has the intent a CRM should read from its text. */
enum Move {
    CONFIRM(Intent.INTERESTED, Sentiment.POSITIVE, 12),
    RESCHEDULE(Intent.QUESTION, Sentiment.NEUTRAL, 0),
    APPT_QUESTION(Intent.QUESTION, Sentiment.NEUTRAL, 4),
    BOOK(Intent.READY_TO_BUY, Sentiment.POSITIVE, 15),
    YES(Intent.INTERESTED, Sentiment.POSITIVE, 8),
    OFFER_QUESTION(Intent.QUESTION, Sentiment.NEUTRAL, 3),
    ASK_PRICE(Intent.PRICE_OBJECTION, Sentiment.NEUTRAL, 0),
    PRICE_PUSHBACK(Intent.PRICE_OBJECTION, Sentiment.NEGATIVE, -5),
    VALUE_YES(Intent.INTERESTED, Sentiment.POSITIVE, 20),
    TECH_QUESTION(Intent.QUESTION, Sentiment.NEUTRAL, 0),
    TECH_OK(Intent.INTERESTED, Sentiment.POSITIVE, 18),
    DOUBT(Intent.QUESTION, Sentiment.NEUTRAL, -2),
    OBJECT(Intent.OBJECTION, Sentiment.NEGATIVE, -8),
    PUSHBACK(Intent.OBJECTION, Sentiment.NEGATIVE, -12),
    WARM(Intent.INTERESTED, Sentiment.POSITIVE, 18),
    WRONG_PERSON(Intent.QUESTION, Sentiment.NEUTRAL, -20),
    RSVP(Intent.INTERESTED, Sentiment.POSITIVE, 8),
    RATE(Intent.NEUTRAL, Sentiment.POSITIVE, 2),
    ACK(Intent.NEUTRAL, Sentiment.NEUTRAL, 0),
    NOT_NOW(Intent.NEUTRAL, Sentiment.NEUTRAL, -5),
    NO(Intent.NOT_INTERESTED, Sentiment.NEGATIVE, -40),
    STOP(Intent.OPT_OUT, Sentiment.NEGATIVE, -100),
    UNSUBSCRIBE(Intent.OPT_OUT, Sentiment.NEGATIVE, -100);

    final Intent intent;
    final Sentiment sentiment;
    final int convertDelta;

    Move(Intent intent, Sentiment sentiment, int convertDelta) {
        this.intent = intent;
        this.sentiment = sentiment;
        this.convertDelta = convertDelta;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
