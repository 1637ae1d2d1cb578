package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Condition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import static dev.rehearsal.engine.flow.ContactFacts.EMAIL_ENGAGED;
import static dev.rehearsal.engine.flow.ContactFacts.EMAIL_UNSUBSCRIBED;
import static dev.rehearsal.engine.flow.ContactFacts.REPLIED_ON_EVERY_PATH;
import static dev.rehearsal.engine.flow.ContactFacts.REPLY;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_EMAIL;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_SMS;
import static dev.rehearsal.engine.flow.ContactFacts.SMS_OPTED_OUT;

/**
 * Whether a condition can hold, or can fail, given what the contact may have done on the paths to
 * it; whether one condition implies another; and, in words, why a condition never holds. Exact
 * for the reply, opt-out, email and tag tests; fields count as unknown (trigger data can fill them).
 */
public final class ConditionReasoner {
    private ConditionReasoner() {
    }

    public static boolean canHold(Condition c, ContactFacts f) {
        if (readsReply(c)) return f.may(REPLY);
        if (c instanceof Condition.Replied r) return r.expected() ? f.may(REPLY) : !f.may(REPLIED_ON_EVERY_PATH);
        if (c instanceof Condition.OptedOut o) return !o.expected() || optOutPossible(o.channel(), f);
        if (c instanceof Condition.HasTag t) return f.mayHaveTag(t.tag());
        if (c instanceof Condition.EmailOpened e) return !e.expected() || f.may(EMAIL_ENGAGED);
        if (c instanceof Condition.EmailClicked e) return !e.expected() || f.may(EMAIL_ENGAGED);
        if (c instanceof Condition.All a) return a.all().stream().allMatch(x -> canHold(x, f)) && contradiction(a) == null;
        if (c instanceof Condition.Any a) return a.any().stream().anyMatch(x -> canHold(x, f));
        if (c instanceof Condition.Not x) return canFail(x.not(), f);
        return true;
    }

    public static boolean canFail(Condition c, ContactFacts f) {
        if (c instanceof Condition.Replied r) return r.expected() ? !f.may(REPLIED_ON_EVERY_PATH) : f.may(REPLY);
        if (c instanceof Condition.OptedOut o) return o.expected() || optOutPossible(o.channel(), f);
        if (c instanceof Condition.EmailOpened e) return e.expected() || f.may(EMAIL_ENGAGED);
        if (c instanceof Condition.EmailClicked e) return e.expected() || f.may(EMAIL_ENGAGED);
        if (c instanceof Condition.All a) return a.all().stream().anyMatch(x -> canFail(x, f));
        if (c instanceof Condition.Any a) return a.any().stream().allMatch(x -> canFail(x, f));
        if (c instanceof Condition.Not x) return canHold(x.not(), f);
        return true;
    }

    static boolean readsReply(Condition c) {
        return c instanceof Condition.ReplyIntent || c instanceof Condition.ReplySentiment
                || c instanceof Condition.ReplyContains;
    }

    private static boolean optOutPossible(String channel, ContactFacts f) {
        if (channel == null) return f.may(SMS_OPTED_OUT) || f.may(EMAIL_UNSUBSCRIBED);
        return channel.equals("sms") ? f.may(SMS_OPTED_OUT) : f.may(EMAIL_UNSUBSCRIBED);
    }

    /** Why {@code c} never holds here, in words; call only when {@link #canHold} is false. */
    public static String whyNever(Condition c, ContactFacts f) {
        if (c instanceof Condition.Replied r && !r.expected() && f.may(REPLIED_ON_EVERY_PATH)) return alwaysReplied();
        if (readsReply(c) || c instanceof Condition.Replied) return noReply(f);
        if (c instanceof Condition.OptedOut o) {
            String ch = o.channel() == null ? "sms or email" : o.channel();
            boolean sent = o.channel() == null ? f.may(SENT_SMS) || f.may(SENT_EMAIL)
                    : f.may(o.channel().equals("sms") ? SENT_SMS : SENT_EMAIL);
            return sent ? "no path gives the contact time to opt out of " + ch + " (no wait or delay after the message) before it"
                    : "no path to it sends the contact any " + ch + " message, so they cannot have opted out of it";
        }
        if (c instanceof Condition.HasTag t) return "no add_tag step for '" + t.tag() + "' is on any path to it";
        if (c instanceof Condition.EmailOpened || c instanceof Condition.EmailClicked) {
            return f.may(SENT_EMAIL) ? "on every path to it an email was just sent with no wait or delay after it, so it cannot have been opened or clicked yet"
                    : "no path to it sends an email";
        }
        if (c instanceof Condition.All a) {
            String clash = contradiction(a);
            if (clash != null) return "its parts contradict each other: " + clash;
            for (Condition x : a.all()) if (!canHold(x, f)) return "its part " + describe(x) + " never holds: " + whyNever(x, f);
        }
        if (c instanceof Condition.Any a) {
            List<String> parts = new ArrayList<>();
            for (Condition x : a.any()) parts.add(describe(x) + ": " + whyNever(x, f));
            return "none of its parts can hold (" + String.join("; ", parts) + ")";
        }
        if (c instanceof Condition.Not x) return describe(x.not()) + " always holds here";
        return "it never holds";
    }

    /** Why {@code c} always holds here (never fails), in words; call only when {@link #canFail} is false. */
    public static String whyAlways(Condition c, ContactFacts f) {
        if (c instanceof Condition.Replied r && r.expected()) return alwaysReplied();
        if (c instanceof Condition.Replied) return noReply(f);
        if (c instanceof Condition.Not n) return whyNever(n.not(), f);
        return describe(c) + " holds for every contact who gets here";
    }

    private static String alwaysReplied() {
        return "every path to it goes through a wait_for_reply's on_reply, so the contact has always replied by then";
    }

    private static String noReply(ContactFacts f) {
        if (!f.may(SENT_SMS) && !f.may(SENT_EMAIL)) return "no path to it sends a message, so there is never a reply to read";
        return "every path to it either comes through a wait_for_reply's on_timeout (no reply came) or has no wait or delay after the last message, so there is never a reply to read";
    }

    /** A pair of parts of an {@code all} that cannot both hold, described, or null. */
    static String contradiction(Condition.All a) {
        List<Condition> parts = flatten(a);
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                if (contradicts(parts.get(i), parts.get(j)) || contradicts(parts.get(j), parts.get(i))) {
                    return describe(parts.get(i)) + " and " + describe(parts.get(j));
                }
            }
        }
        return null;
    }

    private static List<Condition> flatten(Condition.All a) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : a.all()) {
            if (c instanceof Condition.All inner) out.addAll(flatten(inner));
            else out.add(c);
        }
        return out;
    }

    private static boolean contradicts(Condition a, Condition b) {
        if (b instanceof Condition.Not n && n.not().equals(a)) return true;
        if (a instanceof Condition.Replied r && b instanceof Condition.Replied s) return r.expected() != s.expected();
        if ((readsReply(a) || a instanceof Condition.Replied r2 && r2.expected())
                && b instanceof Condition.Replied s && !s.expected()) return true;
        if (a instanceof Condition.ReplyIntent x && b instanceof Condition.ReplyIntent y) return disjoint(x.intents(), y.intents());
        if (a instanceof Condition.ReplySentiment x && b instanceof Condition.ReplySentiment y) return disjoint(x.sentiments(), y.sentiments());
        if (a instanceof Condition.OptedOut x && b instanceof Condition.OptedOut y && x.expected() != y.expected()) {
            Condition.OptedOut yes = x.expected() ? x : y, no = x.expected() ? y : x;
            return no.channel() == null || Objects.equals(no.channel(), yes.channel());
        }
        if (a instanceof Condition.EmailOpened x && b instanceof Condition.EmailOpened y) return x.expected() != y.expected();
        if (a instanceof Condition.EmailClicked x && b instanceof Condition.EmailClicked y) return x.expected() != y.expected();
        // No click/open contradiction: a click with images off registers no open (mail clients block the pixel).
        if (a instanceof Condition.Field x && b instanceof Condition.Field y && Vocabulary.bare(x.name()).equals(Vocabulary.bare(y.name()))) {
            if (x.exists() != null && y.exists() != null && !x.exists().equals(y.exists())) return true;
            if (x.equals() != null && y.equals() != null && !x.equals().isNull() && !y.equals().isNull()
                    && !x.equals().asText().equalsIgnoreCase(y.equals().asText())) return true;
            return x.equals() != null && !x.equals().isNull() && Boolean.FALSE.equals(y.exists());
        }
        return false;
    }

    private static boolean disjoint(List<String> a, List<String> b) {
        return !a.isEmpty() && !b.isEmpty() && new HashSet<>(a).stream().noneMatch(b::contains);
    }

    /** True when every contact for whom {@code a} holds also satisfies {@code b} (a sound, syntactic test). */
    public static boolean implies(Condition a, Condition b) {
        if (a.equals(b)) return true;
        if (b instanceof Condition.Any y) return y.any().stream().anyMatch(x -> implies(a, x));
        if (b instanceof Condition.All y) return y.all().stream().allMatch(x -> implies(a, x));
        if (a instanceof Condition.All x) return x.all().stream().anyMatch(p -> implies(p, b));
        if (a instanceof Condition.Any x) return !x.any().isEmpty() && x.any().stream().allMatch(p -> implies(p, b));
        if (a instanceof Condition.ReplyIntent x && b instanceof Condition.ReplyIntent y) return y.intents().containsAll(x.intents());
        if (a instanceof Condition.ReplySentiment x && b instanceof Condition.ReplySentiment y) return y.sentiments().containsAll(x.sentiments());
        if (a instanceof Condition.ReplyContains x && b instanceof Condition.ReplyContains y) return y.keywords().containsAll(x.keywords());
        if (b instanceof Condition.Replied y && y.expected()) return readsReply(a);
        if (a instanceof Condition.OptedOut x && b instanceof Condition.OptedOut y) {
            return x.expected() && y.expected() && y.channel() == null;
        }
        if (a instanceof Condition.Field x && b instanceof Condition.Field y && Vocabulary.bare(x.name()).equals(Vocabulary.bare(y.name()))) {
            return x.equals() != null && !x.equals().isNull() && y.equals() == null && !Boolean.FALSE.equals(y.exists());
        }
        return false;
    }

    /** A short rendering of a condition for messages: {@code reply_intent [interested]}. */
    public static String describe(Condition c) {
        if (c instanceof Condition.ReplyIntent r) return "reply_intent " + r.intents();
        if (c instanceof Condition.ReplySentiment r) return "reply_sentiment " + r.sentiments();
        if (c instanceof Condition.ReplyContains r) return "reply_contains " + r.keywords();
        if (c instanceof Condition.Replied r) return "replied: " + r.expected();
        if (c instanceof Condition.OptedOut o) return "opted_out" + (o.channel() == null ? ": " + o.expected() : ": " + o.channel());
        if (c instanceof Condition.HasTag t) return "has_tag '" + t.tag() + "'";
        if (c instanceof Condition.Field f) return "field '" + f.name() + "'" + (f.equals() != null ? " = " + f.equals() : "")
                + (f.exists() != null ? (f.exists() ? " exists" : " is empty") : "");
        if (c instanceof Condition.EmailOpened e) return "email_opened: " + e.expected();
        if (c instanceof Condition.EmailClicked e) return "email_clicked: " + e.expected();
        if (c instanceof Condition.All a) return "all of (" + String.join(", ", a.all().stream().map(ConditionReasoner::describe).toList()) + ")";
        if (c instanceof Condition.Any a) return "any of (" + String.join(", ", a.any().stream().map(ConditionReasoner::describe).toList()) + ")";
        if (c instanceof Condition.Not x) return "not " + describe(x.not());
        return c.toString();
    }
}
