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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The choices a scripted lead has at each message, read off the workflow: the reply intents,
 * sentiments and keywords its conditions compare against (saved replies tested by Twilio-style
 * splits included), replies that arrive just after each wait's timeout, opt-outs (on time and late),
 * email opens and clicks (on time and late); a message with a failure exit may also not be delivered.
 * At an external call the choices are the world's: failure, or success with each value the workflow
 * tests its outputs against. Timings and outcomes marked risky are what the defect hunt tries.
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

    private final Workflow wf;
    private final TestedValues values;

    ChoiceMenu(Workflow wf, TestedValues values) {
        this.wf = wf;
        this.values = values;
        Set<String> replyFields = dev.rehearsal.engine.workflow.DeclaredFields.replyFields(wf);
        Set<Intent> intents = new LinkedHashSet<>();
        Set<Sentiment> sentiments = new LinkedHashSet<>();
        Set<String> keywords = new LinkedHashSet<>();
        Set<Integer> late = new TreeSet<>();
        for (Step s : wf.steps()) {
            for (var b : s.branches()) collect(b.when(), intents, sentiments, keywords, replyFields);
            if (s.type() == StepType.WAIT_FOR_REPLY && s.timeout() != null) {
                late.add((int) Math.min(Integer.MAX_VALUE - LATE_MARGIN_MINUTES, s.timeout().toMinutes()) + LATE_MARGIN_MINUTES);
            }
        }
        intents.add(Intent.NEUTRAL);
        // A quick reply must beat the shortest wait (Twilio reminders wait two minutes).
        int quick = late.isEmpty() ? QUICK_MINUTES
                : Math.max(1, Math.min(QUICK_MINUTES, (late.iterator().next() - LATE_MARGIN_MINUTES) / 2));
        List<Choice> replies = new ArrayList<>();
        for (Intent i : intents) {
            if (i == Intent.OPT_OUT) continue;
            replies.add(reply("replies (" + i.wire() + ")", TEXT.get(i), i, Sentiment.NEUTRAL, quick));
        }
        for (Sentiment s : sentiments) replies.add(reply("replies (" + s.wire() + " sentiment)", SENTIMENT_TEXT.get(s), Intent.NEUTRAL, s, quick));
        for (String k : keywords) if (!k.isBlank()) replies.add(reply("replies \"" + k + "\"", k, Intent.NEUTRAL, Sentiment.NEUTRAL, quick));
        List<Choice> lateReplies = new ArrayList<>();
        for (int minutes : late) {
            for (Intent i : intents) {
                if (i == Intent.OPT_OUT) continue;
                lateReplies.add(reply("replies (" + i.wire() + ") " + human(minutes) + " later, after the wait timed out",
                        TEXT.get(i), i, Sentiment.NEUTRAL, minutes).asRisky());
            }
        }
        for (List<Choice> channel : List.of(sms, email)) {
            channel.add(Choice.silent());
            channel.addAll(replies);
        }
        sms.add(reply("texts STOP", "STOP", Intent.OPT_OUT, Sentiment.NEGATIVE, quick).asRisky());
        email.add(new Choice("opens the email", null, Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(Action.OPENED), quick));
        email.add(new Choice("opens and clicks the email", null, Intent.NEUTRAL, Sentiment.NEUTRAL,
                Set.of(Action.OPENED, Action.CLICKED), quick));
        // Images off: the click goes through the tracked link but the open pixel never loads.
        email.add(new Choice("clicks the link with images off (no open tracked)", null, Intent.NEUTRAL, Sentiment.NEUTRAL,
                Set.of(Action.CLICKED), quick));
        email.add(reply("replies asking to be removed", "Please remove me from this list.", Intent.OPT_OUT, Sentiment.NEGATIVE, quick));
        email.add(new Choice("clicks unsubscribe", null, Intent.OPT_OUT, Sentiment.NEGATIVE, Set.of(Action.UNSUBSCRIBED), quick)
                .asRisky());
        for (List<Choice> channel : List.of(sms, email)) channel.addAll(lateReplies);
        for (int minutes : late) {
            sms.add(reply("texts STOP " + human(minutes) + " later, after the wait timed out", "STOP", Intent.OPT_OUT,
                    Sentiment.NEGATIVE, minutes).asRisky());
            email.add(new Choice("clicks unsubscribe " + human(minutes) + " later", null, Intent.OPT_OUT, Sentiment.NEGATIVE,
                    Set.of(Action.UNSUBSCRIBED), minutes).asRisky());
            email.add(new Choice("opens and clicks the email " + human(minutes) + " later, after the wait timed out", null,
                    Intent.NEUTRAL, Sentiment.NEUTRAL, Set.of(Action.OPENED, Action.CLICKED), minutes));
        }
    }

    /** Everything that can happen at this step (empty: the step is no choice point). */
    List<Choice> at(Step step) {
        if (step.type() == StepType.EXTERNAL_CALL) return callOutcomes(step);
        if (!step.type().sendsMessage()) return List.of();
        List<Choice> out = new ArrayList<>(step.type() == StepType.SEND_SMS ? sms : email);
        if (step.onFailure() != null) out.add(Choice.undelivered());
        return out;
    }

    /** The silent lead, then what the defect hunt tries on covered paths: late or opting-out leads, failures. */
    List<Choice> riskyAt(Step step) {
        List<Choice> out = new ArrayList<>();
        if (step.type().sendsMessage()) out.add(Choice.silent());
        for (Choice c : at(step)) if (c.risky()) out.add(c);
        return out;
    }

    /** Failure, then success with each value the workflow tests an output against (the others at their first). */
    private List<Choice> callOutcomes(Step step) {
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        step.config().path("outputs").fields().forEachRemaining(o -> outputs.put(o.getKey(), values.of(o.getKey(), o.getValue())));
        Map<String, String> base = new LinkedHashMap<>();
        outputs.forEach((f, vs) -> {
            if (!vs.isEmpty() && vs.get(0) != null) base.put(f, vs.get(0));
        });
        List<Choice> out = new ArrayList<>();
        out.add(Choice.call("the call fails", false, Map.of()));
        out.add(Choice.call("the call succeeds" + (base.isEmpty() ? "" : " with " + base), true, base));
        Set<Map<String, String>> seen = new java.util.HashSet<>(Set.of(base));
        outputs.forEach((f, vs) -> {
            for (String v : vs) {
                Map<String, String> o = new LinkedHashMap<>(base);
                if (v == null) o.remove(f);
                else o.put(f, v);
                if (seen.add(o)) out.add(Choice.call("the call succeeds with " + (v == null ? f + " empty" : o), true, o));
            }
        });
        return out;
    }

    private static Choice reply(String label, String text, Intent intent, Sentiment sentiment, int minutes) {
        return new Choice(label, text, intent, sentiment, Set.of(Action.REPLIED), minutes);
    }

    private static String human(int minutes) {
        return dev.rehearsal.engine.workflow.Durations.format(Duration.ofMinutes(minutes));
    }

    private static void collect(Condition c, Set<Intent> intents, Set<Sentiment> sentiments, Set<String> keywords,
                                Set<String> replyFields) {
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
        } else if (c instanceof Condition.Text t && replyFields.contains(TestedValues.fieldOf(t))) {
            for (String v : TestedValues.satisfying(t)) keywords.add(v == null ? "" : v.equals(TestedValues.SCRIPTED) ? "Something else" : v);
        } else if (c instanceof Condition.All a) {
            a.all().forEach(x -> collect(x, intents, sentiments, keywords, replyFields));
        } else if (c instanceof Condition.Any a) {
            a.any().forEach(x -> collect(x, intents, sentiments, keywords, replyFields));
        } else if (c instanceof Condition.Not n) {
            collect(n.not(), intents, sentiments, keywords, replyFields);
        }
    }
}
