package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Condition;

import java.util.Locale;
import java.util.regex.Pattern;

/** Evaluates a condition against the contact at a virtual instant. Pure code: no LLM involved. */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean test(Condition c, ContactState contact, long now) {
        return test(c, contact, now, false);
    }

    /**
     * As {@link #test(Condition, ContactState, long)}; with {@code asMeant} the reply's intent and sentiment
     * are what the lead meant instead of what the CRM read, to see whether a misreading changed a branch.
     */
    public static boolean test(Condition c, ContactState contact, long now, boolean asMeant) {
        if (c instanceof Condition.ReplyIntent r) {
            ReplyRecord last = contact.lastReply(now);
            var intent = last == null ? null : asMeant ? last.meantIntent() : last.intent();
            return intent != null && r.intents().contains(intent.wire());
        }
        if (c instanceof Condition.ReplySentiment r) {
            ReplyRecord last = contact.lastReply(now);
            var sentiment = last == null ? null : asMeant ? last.meantSentiment() : last.sentiment();
            return sentiment != null && r.sentiments().contains(sentiment.wire());
        }
        if (c instanceof Condition.ReplyContains r) {
            ReplyRecord last = contact.lastReply(now);
            if (last == null || last.text() == null) return false;
            String text = last.text().toLowerCase(Locale.ROOT);
            // Whole-word match, so "stop" does not match "stopwatch".
            return r.keywords().stream().anyMatch(k ->
                    Pattern.compile("(^|\\W)" + Pattern.quote(k) + "($|\\W)").matcher(text).find());
        }
        if (c instanceof Condition.Replied r) return (contact.lastReply(now) != null) == r.expected();
        if (c instanceof Condition.OptedOut o) {
            boolean sms = contact.smsOptedOut(now), email = contact.emailUnsubscribed(now);
            boolean actual = o.channel() == null ? sms || email : o.channel().equals("sms") ? sms : email;
            return actual == o.expected();
        }
        if (c instanceof Condition.HasTag t) return contact.tags.contains(t.tag());
        if (c instanceof Condition.Field f) {
            String name = f.name().startsWith("contact.") ? f.name().substring(8) : f.name();
            String v = contact.fields.get(name);
            if (f.exists() != null && (v != null && !v.isEmpty()) != f.exists()) return false;
            if (f.equals() != null) return matches(f.equals(), v);
            return f.exists() != null || v != null;
        }
        if (c instanceof Condition.EmailOpened e) return contact.lastEmailOpened(now) == e.expected();
        if (c instanceof Condition.EmailClicked e) return contact.lastEmailClicked(now) == e.expected();
        if (c instanceof Condition.Text t) {
            java.util.function.Function<String, String> fields = key -> key.startsWith("contact.")
                    ? contact.fields.get(key.substring(8)) : null;
            return TextComparison.test(t.operator(), dev.rehearsal.engine.workflow.MergeFields.render(t.input(), fields),
                    dev.rehearsal.engine.workflow.MergeFields.render(t.value(), fields));
        }
        if (c instanceof Condition.All a) return a.all().stream().allMatch(x -> test(x, contact, now, asMeant));
        if (c instanceof Condition.Any a) return a.any().stream().anyMatch(x -> test(x, contact, now, asMeant));
        if (c instanceof Condition.Not n) return !test(n.not(), contact, now, asMeant);
        throw new IllegalArgumentException("unsupported condition " + c);
    }

    private static boolean matches(JsonNode expected, String actual) {
        if (expected.isNull()) return actual == null;
        return actual != null && expected.asText().equalsIgnoreCase(actual);
    }
}
