package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.persona.Knobs;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.reading.MessageReading;

import java.util.SplittableRandom;

/**
 * Chooses what a persona's reply does, given its voice and what the message is: a reminder gets a
 * confirmation, a reschedule or a question about the appointment; an offer gets what that persona
 * makes of that offer. One draw from the "choice" stream per decision.
 */
final class MoveChooser {
    private MoveChooser() {
    }

    static Move choose(Knobs k, MessageReading r, int received, SplittableRandom rnd) {
        double x = rnd.nextDouble();
        // An offer for some other business: people ask who this is, or wave it off.
        if (r.offTopic() && r.act() != Act.REMINDER && r.act() != Act.TRANSACTIONAL) return x < 0.5 ? Move.WRONG_PERSON : Move.NO;
        boolean bookable = r.codeFor("book") != null || r.codeFor("yes") != null || r.topic() != null || r.link()
                || !r.questions().isEmpty();
        return switch (k.style()) {
            case EAGER -> eager(r, bookable, x);
            case SKEPTIC -> skeptic(r, received, x);
            case BUSY -> busy(r, bookable, x);
            case CHATTY -> chatty(r, received, bookable, x);
            case COLD -> r.act() == Act.REMINDER || r.act() == Act.TRANSACTIONAL ? Move.ACK : Move.NO;
            case PRICE -> price(k, r, x);
            case TECH -> tech(r, received, bookable, x);
            case PLAIN -> plain(k, r, bookable, x);
        };
    }

    private static Move eager(MessageReading r, boolean bookable, double x) {
        return switch (r.act()) {
            case REMINDER -> Move.CONFIRM; // and sometimes a question with it (ReplyWriter)
            case OFFER, REENGAGEMENT -> bookable && x < 0.95 ? Move.BOOK : Move.YES;
            case INVITE -> Move.RSVP;
            case SURVEY -> Move.RATE;
            case NURTURE, TRANSACTIONAL -> Move.ACK;
        };
    }

    private static Move skeptic(MessageReading r, int received, double x) {
        return switch (r.act()) {
            case REMINDER -> x < 0.55 ? Move.CONFIRM : x < 0.85 ? Move.APPT_QUESTION : Move.RESCHEDULE;
            case OFFER -> {
                if (r.pushy()) yield Move.PUSHBACK;
                if ((r.proof() && received >= 1) || (received >= 3 && x < 0.5)) yield Move.WARM;
                yield x < 0.75 ? Move.DOUBT : Move.OBJECT;
            }
            case INVITE -> r.pushy() ? Move.PUSHBACK : x < 0.7 ? Move.DOUBT : Move.NOT_NOW;
            case SURVEY -> Move.RATE;
            case REENGAGEMENT -> x < 0.5 ? Move.DOUBT : Move.NOT_NOW;
            case NURTURE -> r.pushy() ? Move.PUSHBACK : x < 0.5 ? Move.DOUBT : Move.ACK;
            case TRANSACTIONAL -> x < 0.7 ? Move.ACK : Move.APPT_QUESTION;
        };
    }

    private static Move busy(MessageReading r, boolean bookable, double x) {
        return switch (r.act()) {
            case REMINDER -> x < 0.75 ? Move.CONFIRM : Move.RESCHEDULE;
            case OFFER, REENGAGEMENT -> bookable && x < 0.4 ? Move.YES : x < 0.75 ? Move.NOT_NOW : Move.ACK;
            case INVITE -> x < 0.35 ? Move.RSVP : Move.NOT_NOW;
            case SURVEY -> Move.RATE;
            case NURTURE, TRANSACTIONAL -> Move.ACK;
        };
    }

    private static Move chatty(MessageReading r, int received, boolean bookable, double x) {
        return switch (r.act()) {
            case REMINDER -> x < 0.6 ? Move.CONFIRM : Move.APPT_QUESTION;
            case OFFER, REENGAGEMENT -> received >= 2 && bookable && x < 0.5 ? Move.BOOK
                    : received == 0 || x < 0.5 ? Move.OFFER_QUESTION : Move.YES;
            case INVITE -> x < 0.7 ? Move.RSVP : Move.OFFER_QUESTION;
            case SURVEY -> Move.RATE;
            case NURTURE, TRANSACTIONAL -> Move.ACK;
        };
    }

    private static Move price(Knobs k, MessageReading r, double x) {
        var o = r.offer();
        return switch (r.act()) {
            case REMINDER -> x < 0.7 ? Move.CONFIRM : Move.APPT_QUESTION;
            case OFFER, REENGAGEMENT -> {
                // Value perception: free, a trial, a discount and a clear price all count; "free" counts
                // once she knows what it costs afterwards ("$39/month, first session free"): without a
                // price, the first thing she asks is what it costs.
                boolean priced = o.price() != null;
                double yes = (o.free() || o.trial() ? (priced ? 0.6 : 0) : 0) + (o.discount() ? 0.35 : 0) + (priced ? 0.25 : 0);
                yes = Math.min(0.8, yes) * (r.pushy() ? 0.6 : 1) * (1.2 - 0.4 * k.priceSensitivity());
                if (x < yes) yield Move.VALUE_YES;
                yield o.price() != null && !o.free() ? Move.PRICE_PUSHBACK : Move.ASK_PRICE;
            }
            case INVITE -> o.free() && x < 0.6 ? Move.RSVP : Move.ASK_PRICE;
            case SURVEY -> Move.RATE;
            case NURTURE, TRANSACTIONAL -> Move.ACK;
        };
    }

    private static Move tech(MessageReading r, int received, boolean bookable, double x) {
        return switch (r.act()) {
            case REMINDER -> x < 0.6 ? Move.CONFIRM : Move.APPT_QUESTION;
            case OFFER, REENGAGEMENT, NURTURE -> {
                if (r.technical() && (r.link() || received >= 2)) yield r.act() == Act.OFFER && bookable && x < 0.5 ? Move.BOOK : Move.TECH_OK;
                yield r.act() == Act.NURTURE && x < 0.4 ? Move.ACK : Move.TECH_QUESTION;
            }
            case INVITE -> x < 0.6 ? Move.TECH_QUESTION : Move.RSVP;
            case SURVEY -> Move.RATE;
            case TRANSACTIONAL -> x < 0.7 ? Move.ACK : Move.APPT_QUESTION;
        };
    }

    private static Move plain(Knobs k, MessageReading r, boolean bookable, double x) {
        return switch (r.act()) {
            case REMINDER -> x < 0.75 ? Move.CONFIRM : x < 0.9 ? Move.RESCHEDULE : Move.APPT_QUESTION;
            case OFFER -> {
                double objection = 0.2 + 0.4 * k.priceSensitivity();
                if (x < objection) yield r.offer().price() == null && k.priceSensitivity() >= 0.5 ? Move.ASK_PRICE : Move.OFFER_QUESTION;
                yield bookable || k.baseConvert() >= 50 ? Move.YES : Move.NOT_NOW;
            }
            case INVITE -> x < 0.5 ? Move.RSVP : Move.NOT_NOW;
            case SURVEY -> Move.RATE;
            case REENGAGEMENT -> x < 0.4 ? Move.YES : Move.NOT_NOW;
            case NURTURE, TRANSACTIONAL -> Move.ACK;
        };
    }
}
