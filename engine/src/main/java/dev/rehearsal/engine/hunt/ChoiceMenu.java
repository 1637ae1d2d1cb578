package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The choices a scripted lead has at each message, read off the workflow: the reply intents,
 * sentiments and keywords its conditions compare against, replies that arrive just after each
 * wait's timeout, opt-outs (on time and late), and email opens and clicks.
 */
final class ChoiceMenu {
    static final int QUICK_MINUTES = 5;
    /** How long after a wait's timeout a "late" reply lands. */
    static final int LATE_MARGIN_MINUTES = 30;

    /**
     * What the scripted lead writes for each intent: conditions read the CRM's reading of the text
     * (the reply classifier), so the text must say what the choice means, not just carry a label.
     */
    static final java.util.Map<Intent, String> TEXT = java.util.Map.of(
            Intent.INTERESTED, "Yes, I'm interested. Tell me more.",
            Intent.READY_TO_BUY, "Let's book it. When can you start?",
            Intent.QUESTION, "How does it work?",
            Intent.PRICE_OBJECTION, "That's too expensive for me.",
            Intent.OBJECTION, "I don't trust these offers.",
            Intent.NOT_INTERESTED, "No thanks, not interested.",
            Intent.NEUTRAL, "Ok.",
            Intent.OPT_OUT, "STOP");
    private static final java.util.Map<Sentiment, String> SENTIMENT_TEXT = java.util.Map.of(
            Sentiment.POSITIVE, "Sounds good!", Sentiment.NEUTRAL, "Ok.", Sentiment.NEGATIVE, "That's too expensive for me.");

    final List<Choice> sms = new ArrayList<>();
    final List<Choice> email = new ArrayList<>();

    ChoiceMenu(Workflow wf) {
        Set<Intent> intents = new LinkedHashSet<>();
        Set<Sentiment> sentiments = new LinkedHashSet<>();
        Set<String> keywords = new LinkedHashSet<>();
        Set<Integer> late = new TreeSet<>();
        for (Step s : wf.steps()) {
            for (var b : s.branches()) collect(b.when(), intents, sentiments, keywords);
            if (s.type() == StepType.WAIT_FOR_REPLY && s.timeout() != null) {
                late.add((int) Math.min(Integer.MAX_VALUE - LATE_MARGIN_MINUTES, s.timeout().toMinutes()) + LATE_MARGIN_MINUTES);
            }
        }
        intents.add(Intent.NEUTRAL);
        List<Choice> replies = new ArrayList<>();
        for (Intent i : intents) {
            if (i == Intent.OPT_OUT) continue;
            replies.add(reply("replies (" + i.wire() + ")", TEXT.get(i), i, Sentiment.NEUTRAL, QUICK_MINUTES));
        }
        for (Sentiment s : sentiments) replies.add(reply("replies (" + s.wire() + " sentiment)", SENTIMENT_TEXT.get(s), Intent.NEUTRAL, s, QUICK_MINUTES));
        for (String k : keywords) replies.add(reply("replies \"" + k + "\"", k, Intent.NEUTRAL, Sentiment.NEUTRAL, QUICK_MINUTES));
        List<Choice> lateReplies = new ArrayList<>();
        for (int minutes : late) {
            for (Intent i : intents) {
                if (i == Intent.OPT_OUT) continue;
                lateReplies.add(reply("replies (" + i.wire() + ") " + human(minutes) + " later, after the wait timed out",
                        TEXT.get(i), i, Sentiment.NEUTRAL, minutes));
            }
        }
        for (List<Choice> channel : List.of(sms, email)) {
            channel.add(Choice.silent());
            channel.addAll(replies);
        }
        sms.add(reply("texts STOP", "STOP", Intent.OPT_OUT, Sentiment.NEGATIVE, QUICK_MINUTES));
        email.add(new Choice("opens the email", null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(Action.OPENED), QUICK_MINUTES));
        email.add(new Choice("opens and clicks the email", null, Intent.NEUTRAL, Sentiment.NEUTRAL,
                Set.of(Action.OPENED, Action.CLICKED), QUICK_MINUTES));
        email.add(reply("replies asking to be removed", "Please remove me from this list.", Intent.OPT_OUT, Sentiment.NEGATIVE, QUICK_MINUTES));
        email.add(new Choice("clicks unsubscribe", null, Intent.OPT_OUT, Sentiment.NEGATIVE, Set.of(Action.UNSUBSCRIBED), QUICK_MINUTES));
        for (List<Choice> channel : List.of(sms, email)) channel.addAll(lateReplies);
        for (int minutes : late) {
            sms.add(reply("texts STOP " + human(minutes) + " later, after the wait timed out", "STOP", Intent.OPT_OUT, Sentiment.NEGATIVE, minutes));
            email.add(new Choice("clicks unsubscribe " + human(minutes) + " later", null, Intent.OPT_OUT, Sentiment.NEGATIVE,
                    Set.of(Action.UNSUBSCRIBED), minutes));
        }
    }

    List<Choice> forChannel(boolean isSms) {
        return isSms ? sms : email;
    }

    private static Choice reply(String label, String text, Intent intent, Sentiment sentiment, int minutes) {
        return new Choice(label, text, intent, sentiment, Set.of(Action.REPLIED), minutes);
    }

    private static String human(int minutes) {
        return dev.rehearsal.engine.workflow.Durations.format(Duration.ofMinutes(minutes));
    }

    private static void collect(Condition c, Set<Intent> intents, Set<Sentiment> sentiments, Set<String> keywords) {
        if (c instanceof Condition.ReplyIntent r) {
            for (String i : r.intents()) {
                try {
                    intents.add(Intent.fromWire(i));
                } catch (IllegalArgumentException unknown) {
                    // an intent the CRM never produces: nothing a lead can do matches it
                }
            }
        } else if (c instanceof Condition.ReplySentiment r) {
            for (String s : r.sentiments()) {
                try {
                    sentiments.add(Sentiment.fromWire(s));
                } catch (IllegalArgumentException unknown) {
                    // as above
                }
            }
        } else if (c instanceof Condition.ReplyContains r) {
            keywords.addAll(r.keywords());
        } else if (c instanceof Condition.All a) {
            a.all().forEach(x -> collect(x, intents, sentiments, keywords));
        } else if (c instanceof Condition.Any a) {
            a.any().forEach(x -> collect(x, intents, sentiments, keywords));
        } else if (c instanceof Condition.Not n) {
            collect(n.not(), intents, sentiments, keywords);
        }
    }
}
