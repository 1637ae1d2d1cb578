package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.llm.Usage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes persona replies with no network and no key: driven by the persona's traits and by what the
 * message says, deterministic for a seed. Every draw comes from a stream keyed by (run seed, walk,
 * persona, step id, visit, purpose) — see {@link dev.rehearsal.engine.random.Draws} — so a Lambda that
 * executes one step reproduces exactly what a whole local run produced, and a wording edit that leaves
 * {@link MessageFeatures} unchanged leaves every decision unchanged (common random numbers).
 */
public final class OfflinePersonaEngine implements PersonaResponder {

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public PersonaReply respond(ReplyRequest req) {
        Dice rnd = new Dice(req.draws());
        BehaviorProfile p = BehaviorProfile.of(req.persona());
        MessageFeatures f = MessageFeatures.of(req.message());
        boolean email = req.message().channel() == Channel.EMAIL;
        int received = (int) req.history().stream().filter(t -> !t.fromLead()).count();
        Draft d = decide(p, f, email, received, rnd);
        return d.toReply(p, f, email, rnd);
    }

    /**
     * One purpose, one stream: whether the lead replies never shifts because a phrase list grew, and
     * the phrase picked never shifts because a reply chance changed.
     */
    static final class Dice {
        final SplittableRandom reply, choice, phrase, latency, open, click, convert;

        Dice(dev.rehearsal.engine.random.Draws d) {
            reply = d.stream("reply");
            choice = d.stream("choice");
            phrase = d.stream("phrase");
            latency = d.stream("latency");
            open = d.stream("open");
            click = d.stream("click");
            convert = d.stream("convert");
        }
    }

    /** Mutable working record of one decision. */
    private static final class Draft {
        Intent intent = Intent.NEUTRAL;
        Sentiment sentiment = Sentiment.NEUTRAL;
        final List<String> parts = new ArrayList<>();
        final Set<Action> actions = EnumSet.noneOf(Action.class);
        int convertDelta;
        String reasoning;
        boolean reply = true;
        Integer latencyOverride;

        PersonaReply toReply(BehaviorProfile p, MessageFeatures f, boolean email, Dice rnd) {
            if (email) {
                if (rnd.open.nextDouble() < p.openChance() || reply || actions.contains(Action.UNSUBSCRIBED)) actions.add(Action.OPENED);
                if (actions.contains(Action.OPENED) && f.hasLink() && rnd.click.nextDouble() < p.clickChance()) actions.add(Action.CLICKED);
            }
            String text = null;
            Integer latency = null;
            if (reply && !parts.isEmpty()) {
                text = String.join(" ", parts)
                        .replace("{topic}", f.topicOr(f.bookingCta() ? "appointment" : "offer"))
                        .replace("{competitor}", Phrases.pick(Phrases.COMPETITORS, rnd.phrase));
                actions.add(Action.REPLIED);
                latency = latencyOverride != null ? latencyOverride
                        : p.minLatency() + rnd.latency.nextInt(Math.max(1, p.maxLatency() - p.minLatency() + 1));
            } else if (actions.contains(Action.UNSUBSCRIBED) || actions.contains(Action.OPTED_OUT)) {
                latency = 1 + rnd.latency.nextInt(30);
            }
            int convert = Math.max(0, Math.min(100, p.baseConvert() + convertDelta + rnd.convert.nextInt(7) - 3));
            if (intent == Intent.OPT_OUT || intent == Intent.NOT_INTERESTED) convert = Math.min(convert, 3);
            return new PersonaReply(text, reasoning, sentiment, intent, convert, actions, latency, Usage.NONE, null);
        }
    }

    private static Draft decide(BehaviorProfile p, MessageFeatures f, boolean email, int received, Dice rnd) {
        Draft d = new Draft();
        if (p.optsOut() || (p.unsubscribes() && email)) {
            if (!email) {
                d.intent = Intent.OPT_OUT;
                d.sentiment = Sentiment.NEGATIVE;
                d.parts.add(Phrases.pick(Phrases.STOP, rnd.phrase));
                d.actions.add(Action.OPTED_OUT);
                d.latencyOverride = 1 + rnd.latency.nextInt(20);
                d.reasoning = "Never asked to be texted and has no interest: replies STOP, which must opt the number out.";
            } else {
                d.intent = Intent.OPT_OUT;
                d.sentiment = Sentiment.NEGATIVE;
                d.actions.add(Action.UNSUBSCRIBED);
                d.reply = rnd.choice.nextDouble() < 0.25;
                if (d.reply) d.parts.add(Phrases.pick(Phrases.REMOVE_EMAIL, rnd.phrase));
                d.reasoning = "Unwanted marketing email: clicks unsubscribe"
                        + (d.reply ? " and writes back to be removed." : " without writing back.");
            }
            d.convertDelta = -100;
            return d;
        }
        double chance = email ? p.emailReplyChance() : p.smsReplyChance();
        if (f.asksQuestion() || f.bookingCta() || f.confirmRequest()) chance += 0.1;
        if (p.skeptical() && (f.urgency() || f.shouting())) chance += 0.1; // provoked into pushing back
        if (p.busy() && received > 2) chance -= 0.05;
        if (rnd.reply.nextDouble() >= chance) {
            d.reply = false;
            d.reasoning = p.busy() ? "On a job site; the message goes unread until it no longer matters."
                    : email ? "Skimmed the email but had nothing to say." : "Saw the text but did not feel the need to answer yet.";
            d.convertDelta = -5;
            return d;
        }
        if (p.notInterested()) {
            d.intent = Intent.NOT_INTERESTED;
            d.sentiment = Sentiment.NEGATIVE;
            d.parts.add(Phrases.pick(Phrases.NOT_INTERESTED, rnd.phrase));
            d.reasoning = "Has no need for the offer and says so.";
            return d;
        }
        if (f.confirmRequest() && f.reminder() && !p.skeptical()) {
            d.intent = Intent.INTERESTED;
            d.sentiment = Sentiment.POSITIVE;
            d.parts.add(Phrases.pick(p.busy() ? Phrases.BUSY_YES : Phrases.CONFIRM, rnd.phrase));
            d.convertDelta = 15;
            d.reasoning = "A reminder asking to confirm an appointment the lead wants: confirms.";
            return d;
        }
        if (p.readyToBuy()) {
            d.sentiment = Sentiment.POSITIVE;
            if (f.bookingCta()) {
                d.intent = Intent.READY_TO_BUY;
                d.parts.add(Phrases.pick(Phrases.EAGER_BOOK, rnd.phrase));
                d.actions.add(Action.BOOKED);
                d.convertDelta = 15;
                d.reasoning = "Already wants a solution and the message offers a way to book: books straight away.";
            } else {
                d.intent = Intent.INTERESTED;
                d.parts.add(Phrases.pick(Phrases.EAGER_YES, rnd.phrase));
                d.convertDelta = 8;
                d.reasoning = "Keen buyer; says yes and asks for the next step because the message gave none.";
            }
            return d;
        }
        if (p.priceSensitive()) {
            if (f.statesPrice() && f.discount() && rnd.choice.nextDouble() < 0.55) {
                d.intent = Intent.INTERESTED;
                d.sentiment = Sentiment.POSITIVE;
                d.parts.add(Phrases.pick(Phrases.PRICE_DEAL, rnd.phrase));
                d.convertDelta = 25;
                d.reasoning = "The price is stated and discounted, so the value is clear enough to say yes.";
            } else if (f.statesPrice()) {
                d.intent = Intent.PRICE_OBJECTION;
                d.sentiment = Sentiment.NEGATIVE;
                d.parts.add(Phrases.pick(Phrases.PRICE_OBJECT, rnd.phrase));
                d.convertDelta = -5;
                d.reasoning = "Sees a price and pushes back on it, hoping for a discount.";
            } else {
                d.intent = Intent.PRICE_OBJECTION;
                d.sentiment = Sentiment.NEUTRAL;
                d.parts.add(Phrases.pick(Phrases.PRICE_ASK, rnd.phrase));
                d.reasoning = f.mentionsPrice() ? "Reads an offer with no price: the first thing she asks is what it costs."
                        : "Budget comes first: asks what it costs before anything else.";
            }
            return d;
        }
        if (p.technical()) {
            if (f.technical() && (f.hasLink() || received >= 2)) {
                d.intent = f.bookingCta() ? Intent.READY_TO_BUY : Intent.INTERESTED;
                d.sentiment = Sentiment.POSITIVE;
                d.parts.add(Phrases.pick(Phrases.TECH_WARM, rnd.phrase));
                if (f.bookingCta() && rnd.choice.nextDouble() < 0.5) d.actions.add(Action.BOOKED);
                d.convertDelta = 20;
                d.reasoning = "The message finally carries technical detail, which is what he needed to move forward.";
            } else {
                d.intent = Intent.QUESTION;
                d.parts.add(Phrases.pick(Phrases.TECH_Q, rnd.phrase));
                d.reasoning = "Won't talk to sales before seeing specs, integrations and security details.";
            }
            return d;
        }
        if (p.skeptical()) {
            if (f.urgency() || f.shouting()) {
                d.intent = Intent.OBJECTION;
                d.sentiment = Sentiment.NEGATIVE;
                d.parts.add(Phrases.pick(Phrases.SKEPTIC_URGENCY, rnd.phrase));
                d.convertDelta = -12;
                d.reasoning = "Urgency and hype make her trust the sender less.";
            } else if ((f.proof() && received >= 1) || (received >= 3 && rnd.choice.nextDouble() < 0.5)) {
                d.intent = Intent.INTERESTED;
                d.sentiment = Sentiment.POSITIVE;
                d.parts.add(Phrases.pick(Phrases.SKEPTIC_WARM, rnd.phrase));
                d.convertDelta = 20;
                d.reasoning = "Enough proof and patience have built some trust; she cautiously engages.";
            } else {
                d.intent = "high".equals(p.objection()) && rnd.choice.nextDouble() < 0.35 ? Intent.OBJECTION : Intent.QUESTION;
                d.parts.add(Phrases.pick(Phrases.SKEPTIC_Q, rnd.phrase));
                d.reasoning = "Needs convincing: asks how it compares and wants proof before committing.";
            }
            return d;
        }
        if (p.chatty()) {
            d.sentiment = Sentiment.POSITIVE;
            d.parts.add(Phrases.pick(Phrases.CHATTY_OPEN, rnd.phrase));
            d.parts.add(Phrases.pick(Phrases.CHATTY_STORY, rnd.phrase));
            String q1 = Phrases.pick(Phrases.CHATTY_Q, rnd.phrase);
            String q2 = Phrases.pick(Phrases.CHATTY_Q, rnd.phrase);
            d.parts.add(q1);
            if (!q2.equals(q1)) d.parts.add(q2);
            d.parts.add(Phrases.pick(Phrases.CHATTY_CLOSE, rnd.phrase));
            boolean ready = f.bookingCta() && received >= 2 && rnd.choice.nextDouble() < 0.5;
            d.intent = ready ? Intent.READY_TO_BUY : received == 0 ? Intent.QUESTION : Intent.INTERESTED;
            if (ready) d.actions.add(Action.BOOKED);
            d.convertDelta = 5 * Math.min(received, 4);
            d.reasoning = "Loves to talk: a long friendly reply with several questions; warms up a little with each message.";
            return d;
        }
        if (p.busy()) {
            String t = f.bookingCta() && rnd.choice.nextDouble() < 0.4 ? Phrases.pick(Phrases.BUSY_YES, rnd.phrase) : Phrases.pick(Phrases.BUSY, rnd.phrase);
            d.parts.add(t);
            d.intent = Phrases.BUSY_YES.contains(t) ? Intent.INTERESTED : t.equals("not now") ? Intent.NOT_INTERESTED : Intent.NEUTRAL;
            d.sentiment = d.intent == Intent.INTERESTED ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
            d.reasoning = "Answers between jobs in as few words as possible.";
            return d;
        }
        // A custom persona without a recognised archetype: personality alone decides.
        double objection = switch (p.objection()) { case "high" -> 0.6; case "low" -> 0.15; default -> 0.35; };
        if (rnd.choice.nextDouble() < objection) {
            d.intent = f.mentionsPrice() ? Intent.PRICE_OBJECTION : Intent.QUESTION;
            d.parts.add(f.mentionsPrice() ? Phrases.pick(Phrases.PRICE_ASK, rnd.phrase) : Phrases.pick(Phrases.SKEPTIC_Q, rnd.phrase));
            d.reasoning = "Has reservations and asks about them before going further.";
        } else if (p.baseConvert() >= 50 || f.bookingCta()) {
            d.intent = Intent.INTERESTED;
            d.sentiment = Sentiment.POSITIVE;
            d.parts.add(Phrases.pick(Phrases.INTERESTED, rnd.phrase));
            d.convertDelta = 10;
            d.reasoning = "Open to the offer and asks how to proceed.";
        } else {
            d.parts.add(Phrases.pick(Phrases.NEUTRAL, rnd.phrase));
            d.reasoning = "Mildly curious but not ready to commit.";
        }
        return d;
    }
}
