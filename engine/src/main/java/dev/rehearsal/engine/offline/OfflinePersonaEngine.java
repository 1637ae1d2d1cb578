package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.LocalTimeText;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.persona.Knobs;
import dev.rehearsal.engine.persona.Traits;
import dev.rehearsal.engine.reading.MessageReader;
import dev.rehearsal.engine.reading.MessageReading;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes persona replies with no network and no key. The persona's knobs ({@link Traits#resolve})
 * and the {@link MessageReader}'s reading of the message decide everything: whether the lead opts
 * out (always, for Cold Carl; when provoked, for anyone), whether and when they reply, what the reply
 * does ({@link MoveChooser}) and its words ({@link ReplyWriter}). Every draw comes from a stream
 * keyed by (run seed, walk, persona, step id, visit, purpose) — see
 * {@link dev.rehearsal.engine.random.Draws} — so a wording edit that leaves the reading unchanged
 * leaves every decision unchanged (common random numbers).
 */
public final class OfflinePersonaEngine implements PersonaResponder {

    @Override
    public String name() {
        return "offline";
    }

    /** The languages this engine writes replies in (BCP 47 primary subtags). */
    public static boolean writesLanguage(String primaryLanguage) {
        return ReplyWriter.writes(primaryLanguage);
    }

    @Override
    public PersonaReply respond(ReplyRequest req) {
        Dice rnd = new Dice(req.draws());
        Knobs k = Traits.resolve(req.persona());
        List<String> earlier = req.history().stream().filter(t -> !t.fromLead()).map(Turn::text).toList();
        MessageReading r = MessageReader.read(req.message(), vertical(req), sender(req), earlier);
        LocalDateTime local = localTime(req.localTime());
        int repeats = repeats(req, r);
        boolean email = r.channel() == Channel.EMAIL;
        Set<Action> actions = EnumSet.noneOf(Action.class);
        boolean opened = !email || rnd.open.nextDouble() < k.openRate() * (r.pushy() ? 0.8 : 1);

        Move move = null;
        String reasoning;
        if (k.alwaysOptsOut() && !email) {
            move = Move.STOP;
            reasoning = "Never asked to be texted and has no interest: replies STOP, which must opt the number out.";
        } else if (k.unsubscribesFromEmail() && email && r.act() != dev.rehearsal.engine.reading.Act.TRANSACTIONAL) {
            move = Move.UNSUBSCRIBE;
            reasoning = "Unwanted marketing email: unsubscribes.";
        } else if (rnd.optOut.nextDouble() < k.optOutSensitivity()
                * Provocation.score(r, req.history(), req.sentAt(), local == null ? null : local.toLocalTime(), repeats)) {
            move = email ? Move.UNSUBSCRIBE : Move.STOP;
            reasoning = "Provoked (" + provocations(r, local) + ") and opts out.";
        } else if (rnd.reply.nextDouble() < replyChance(k, r) * Math.pow(0.5, repeats)) {
            int received = earlier.size();
            move = MoveChooser.choose(k, r, received, rnd.choice);
            reasoning = "Answers the " + r.act().wire() + " (" + r.vertical().wire() + ") as a " + k.style().name().toLowerCase(Locale.ROOT)
                    + " lead would: " + move.key().replace('_', ' ') + ".";
        } else {
            reasoning = !opened ? "Never opened it." : "Read it but did not answer.";
        }

        String text = null;
        Integer latency = null;
        if (move == Move.UNSUBSCRIBE) {
            actions.add(Action.UNSUBSCRIBED);
            if (rnd.choice.nextDouble() < 0.25) text = ReplyWriter.write(move, k, r, sender(req), rnd.phrase);
            latency = 1 + rnd.latency.nextInt(30);
        } else if (move == Move.STOP) {
            actions.add(Action.OPTED_OUT);
            text = ReplyWriter.write(move, k, r, sender(req), rnd.phrase);
            latency = 1 + rnd.latency.nextInt(20);
        } else if (move != null) {
            text = ReplyWriter.write(move, k, r, sender(req), rnd.phrase);
            latency = Timing.latencyMinutes(k, local, rnd.latency);
            if (move == Move.BOOK) actions.add(Action.BOOKED);
        }
        if (text != null) actions.add(Action.REPLIED);
        if (email && (opened || move != null)) {
            actions.add(Action.OPENED);
            if (r.link() && move != Move.UNSUBSCRIBE && rnd.click.nextDouble() < clickChance(k, r)) actions.add(Action.CLICKED);
        }
        Intent intent = move == null ? Intent.NEUTRAL : move.intent;
        var sentiment = move == null ? dev.rehearsal.engine.llm.Sentiment.NEUTRAL : move.sentiment;
        int convert = k.baseConvert() + (move == null ? -5 : move.convertDelta) + valuePerception(k, r) - 8 * repeats
                + rnd.convert.nextInt(7) - 3;
        if (intent == Intent.OPT_OUT || intent == Intent.NOT_INTERESTED) convert = Math.min(convert, 3);
        return new PersonaReply(text, reasoning, sentiment, intent, Math.max(0, Math.min(100, convert)), actions, latency,
                Usage.NONE, null);
    }

    /**
     * How many earlier messages of this conversation the reader read exactly as this one: the same
     * message again. Compared by reading, not by text, so wording alone never changes it.
     */
    static int repeats(ReplyRequest req, MessageReading r) {
        int n = 0;
        List<Turn> h = req.history();
        for (int i = 0; i < h.size(); i++) {
            Turn t = h.get(i);
            if (t.fromLead() || t.channel() != r.channel()) continue;
            List<String> before = h.subList(0, i).stream().filter(x -> !x.fromLead()).map(Turn::text).toList();
            MessageReading earlier = MessageReader.read(new dev.rehearsal.engine.llm.OutboundMessage(null, t.channel(), t.subject(), t.text()),
                    vertical(req), sender(req), before);
            if (earlier.equals(r)) n++;
        }
        return n;
    }

    private static String vertical(ReplyRequest req) {
        return req.situation() == null ? null : req.situation().vertical();
    }

    /** The sender name (or the workflow's name when it declares none), which the reader reads a vertical from. */
    private static String sender(ReplyRequest req) {
        return req.situation() == null ? null : req.situation().business();
    }

    /** The channel's reply rate, shaped by what the message asks for and how it asks. */
    static double replyChance(Knobs k, MessageReading r) {
        // A lead who wants nothing from the business does not answer its notices and reminders.
        if (k.style() == Knobs.Style.COLD && (r.act() == dev.rehearsal.engine.reading.Act.REMINDER
                || r.act() == dev.rehearsal.engine.reading.Act.TRANSACTIONAL)) return 0;
        double base = r.channel() == Channel.EMAIL ? k.emailReplyRate() : k.smsReplyRate();
        double f = switch (r.act()) {
            case REMINDER -> r.replyCodes().isEmpty() ? 1.0 : 1.15;
            case OFFER -> 1.0;
            case INVITE, REENGAGEMENT -> 0.8;
            case SURVEY -> 0.6;
            case NURTURE -> 0.5;
            case TRANSACTIONAL -> 0.25;
        };
        if (r.asks()) f *= 1.1;
        if (r.pushy()) f *= k.style() == Knobs.Style.SKEPTIC ? 1.1 : 0.7;
        if (r.offTopic()) f *= 0.5;
        return Math.min(1, base * f);
    }

    static double clickChance(Knobs k, MessageReading r) {
        double f = r.offer().clearValue() ? 1 + 0.3 * k.priceSensitivity() : 1;
        if (r.pushy()) f *= 0.6;
        if (r.offTopic()) f *= 0.3;
        return Math.min(0.97, k.clickRate() * f);
    }

    /** Price-sensitive leads value a clear price, a free offer, a trial or a discount; pressure costs trust. */
    static int valuePerception(Knobs k, MessageReading r) {
        double v = 0;
        if (r.act() == dev.rehearsal.engine.reading.Act.OFFER || r.act() == dev.rehearsal.engine.reading.Act.REENGAGEMENT) {
            v += r.offer().clearValue() ? 15 * k.priceSensitivity() : -10 * k.priceSensitivity();
        }
        if (r.pushy()) v -= 10;
        if (r.offTopic()) v -= 15;
        return (int) Math.round(v);
    }

    private static String provocations(MessageReading r, LocalDateTime local) {
        StringBuilder b = new StringBuilder();
        if (local != null && r.channel() == Channel.SMS && (local.getHour() >= 21 || local.getHour() < 8)) b.append("a text at night, ");
        if (r.pushy()) b.append("shouting or pressure, ");
        if (r.offTopic()) b.append("an irrelevant offer, ");
        if (b.length() == 0) b.append("one marketing message too many, ");
        return b.substring(0, b.length() - 2);
    }

    static LocalDateTime localTime(String s) {
        return LocalTimeText.parse(s);
    }

    /**
     * One purpose, one stream: whether the lead replies never shifts because a phrase list grew, and
     * the phrase picked never shifts because a reply chance changed.
     */
    static final class Dice {
        final SplittableRandom reply, choice, phrase, latency, open, click, convert, optOut;

        Dice(dev.rehearsal.engine.random.Draws d) {
            reply = d.stream("reply");
            choice = d.stream("choice");
            phrase = d.stream("phrase");
            latency = d.stream("latency");
            open = d.stream("open");
            click = d.stream("click");
            convert = d.stream("convert");
            optOut = d.stream("opt_out");
        }
    }
}
