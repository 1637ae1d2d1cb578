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
            replies.add(reply("replies (" + i.wire() + ")", "Scripted reply.", i, Sentiment.NEUTRAL, QUICK_MINUTES));
        }
        for (Sentiment s : sentiments) replies.add(reply("replies (" + s.wire() + " sentiment)", "Scripted reply.", Intent.NEUTRAL, s, QUICK_MINUTES));
        for (String k : keywords) replies.add(reply("replies \"" + k + "\"", k, Intent.NEUTRAL, Sentiment.NEUTRAL, QUICK_MINUTES));
        List<Choice> lateReplies = new ArrayList<>();
        for (int minutes : late) {
            for (Intent i : intents) {
                if (i == Intent.OPT_OUT) continue;
                lateReplies.add(reply("replies (" + i.wire() + ") " + human(minutes) + " later, after the wait timed out",
                        "Scripted reply.", i, Sentiment.NEUTRAL, minutes));
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
