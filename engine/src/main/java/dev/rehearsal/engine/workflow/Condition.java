package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A test on the simulated contact. Code evaluates these against fields the engine computed,
 * never against free text an LLM wrote (DESIGN invariant 4).
 */
public sealed interface Condition {
    record ReplyIntent(List<String> intents) implements Condition { }
    record ReplySentiment(List<String> sentiments) implements Condition { }
    record ReplyContains(List<String> keywords) implements Condition { }
    record Replied(boolean expected) implements Condition { }
    /** channel is null for "any channel". */
    record OptedOut(boolean expected, String channel) implements Condition { }
    record HasTag(String tag) implements Condition { }
    record Field(String name, JsonNode equals, Boolean exists) implements Condition { }
    record EmailOpened(boolean expected) implements Condition { }
    record EmailClicked(boolean expected) implements Condition { }
    /** A rendered template compared with a value, with Twilio Studio's split semantics ({@code TextComparison}). */
    record Text(String input, String operator, String value) implements Condition { }
    record All(List<Condition> all) implements Condition { }
    record Any(List<Condition> any) implements Condition { }
    record Not(Condition not) implements Condition { }

    /** Builds a condition from JSON the schema has already accepted. */
    static Condition from(JsonNode n) {
        var it = n.fields();
        if (!it.hasNext()) throw new IllegalArgumentException("empty condition");
        var e = it.next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "reply_intent" -> new ReplyIntent(strings(v));
            case "reply_sentiment" -> new ReplySentiment(strings(v));
            case "reply_contains" -> new ReplyContains(strings(v).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
            case "replied" -> new Replied(v.asBoolean());
            case "opted_out" -> v.isBoolean() ? new OptedOut(v.asBoolean(), null) : new OptedOut(true, v.asText());
            case "has_tag" -> new HasTag(v.asText());
            case "field" -> new Field(v.path("name").asText(), v.get("equals"),
                    v.has("exists") ? v.get("exists").asBoolean() : null);
            case "email_opened" -> new EmailOpened(v.asBoolean());
            case "email_clicked" -> new EmailClicked(v.asBoolean());
            case "text" -> new Text(v.path("input").asText(), v.path("operator").asText(),
                    v.hasNonNull("value") ? v.get("value").asText() : null);
            case "all" -> new All(list(v));
            case "any" -> new Any(list(v));
            case "not" -> new Not(from(v));
            default -> throw new IllegalArgumentException("unknown condition '" + e.getKey() + "'");
        };
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<Condition> list(JsonNode arr) {
        List<Condition> out = new ArrayList<>();
        arr.forEach(x -> out.add(from(x)));
        return out;
    }

    /** Whether this test looks at the contact's replies (used to warn about conditions placed before any wait). */
    default boolean readsReplies() {
        if (this instanceof ReplyIntent || this instanceof ReplySentiment || this instanceof ReplyContains
                || this instanceof Replied) return true;
        if (this instanceof All a) return a.all().stream().anyMatch(Condition::readsReplies);
        if (this instanceof Any a) return a.any().stream().anyMatch(Condition::readsReplies);
        if (this instanceof Not x) return x.not().readsReplies();
        return false;
    }
}
