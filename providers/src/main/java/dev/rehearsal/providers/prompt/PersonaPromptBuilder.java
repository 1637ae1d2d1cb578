package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.LocalTimeText;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Situation;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.JobSchema;
import dev.rehearsal.providers.cost.TokenCounter;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Builds a persona-reply prompt, the same shape for every model:
 * <ul>
 *   <li>system: the {@link PersonaCard} (persona, code-built situation, format, channel habits, answer
 *       contract), padded with neutral {@link ChannelRules#REFERENCE} paragraphs up to the model's minimum
 *       cacheable prefix when a target is set. Static for the whole walk, so it is cached;</li>
 *   <li>messages: the whole transcript up to {@link #DEFAULT_MAX_TURNS} turns (the session keeps no more;
 *       past the cap the oldest go {@link #TRIM_CHUNK} at a time),
 *       each business message between code-only ⟦message⟧ labels with its channel and the local time it
 *       reached the lead, the lead's actions on it, and the lead's replies as assistant turns with their
 *       times. Each step's messages extend the previous step's, so the conversation is cacheable too;</li>
 *   <li>state: one code-built line for this call (the time now, counts so far), sent in the
 *       system/developer position after the conversation, never inside a business turn.</li>
 * </ul>
 */
public final class PersonaPromptBuilder {
    /** Prompt wording version: part of the replay key (bump it with any change to the wording or layout). */
    public static final String VERSION = "persona-3";
    public static final int DEFAULT_MAX_TURNS = 40;
    static final int TRIM_CHUNK = 10;
    static final int MAX_TOKENS = 500;
    static final double TEMPERATURE = 0.7;

    private final int maxTurns;
    private final int targetPrefixTokens;
    private final Map<List<Object>, String> systemPrompts = new ConcurrentHashMap<>();

    public PersonaPromptBuilder() {
        this(DEFAULT_MAX_TURNS, 0);
    }

    /**
     * {@code targetPrefixTokens}: the cacheable prefix (system prompt plus answer schema, as
     * {@link TokenCounter#prefix} counts it) should reach this many tokens, typically the model's minimum
     * cacheable prefix; whole channel-rule paragraphs are appended until it does. 0 = no padding.
     */
    public PersonaPromptBuilder(int maxTurns, int targetPrefixTokens) {
        if (maxTurns < 1) throw new IllegalArgumentException("maxTurns must be at least 1");
        if (targetPrefixTokens < 0) throw new IllegalArgumentException("targetPrefixTokens must not be negative");
        this.maxTurns = maxTurns;
        this.targetPrefixTokens = targetPrefixTokens;
    }

    public static PersonaPromptBuilder withPrefixTarget(int targetPrefixTokens) {
        return new PersonaPromptBuilder(DEFAULT_MAX_TURNS, targetPrefixTokens);
    }

    public int targetPrefixTokens() {
        return targetPrefixTokens;
    }

    /** The system prompt with no known situation (estimates, benchmarks). */
    public String systemPrompt(Persona p) {
        return systemPrompt(p, null);
    }

    /** Persona card for this situation, then neutral channel rules up to the prefix target. Same bytes every call. */
    public String systemPrompt(Persona p, Situation s) {
        return systemPrompts.computeIfAbsent(java.util.Arrays.asList(p, s), k -> compose(p, s));
    }

    private String compose(Persona p, Situation s) {
        String card = PersonaCard.systemPrompt(p, s);
        if (targetPrefixTokens == 0) return card;
        TokenCounter tokens = TokenCounter.o200k();
        int fixed = TokenCounter.PER_MESSAGE_OVERHEAD + tokens.count(JobSchema.PERSONA_REPLY.compactText());
        // The card plus the first k rules, for the smallest k whose prefix reaches the target (all rules if none before
        // the last does). Seven personas compose their prompts at once as the first walks start, so the whole prompt is
        // not counted for each k: counts add up across the blank lines between the card and the rules (o200k's
        // pre-tokenizer never lets a piece run from a line break into the next word, and every rule starts with one),
        // so the card is counted twice (alone, and with its blank line) and the rules once per process.
        if (fixed + tokens.count(card) >= targetPrefixTokens) return card;
        RuleTokens rules = RuleTokens.COUNTED;
        int n = fixed + tokens.count(card + "\n\n");
        int k = 1;
        while (k < rules.alone.length && n + rules.alone[k - 1] < targetPrefixTokens) n += rules.withBreak[k++ - 1];
        return withRules(card, k);
    }

    /** Token counts of each reference rule, alone and followed by the blank line before the next one (counted on first use). */
    private static final class RuleTokens {
        static final RuleTokens COUNTED = new RuleTokens();
        final int[] alone, withBreak;

        private RuleTokens() {
            List<String> rules = ChannelRules.REFERENCE;
            TokenCounter tokens = TokenCounter.o200k();
            alone = new int[rules.size()];
            withBreak = new int[rules.size()];
            for (int i = 0; i < rules.size(); i++) {
                alone[i] = tokens.count(rules.get(i));
                withBreak[i] = tokens.count(rules.get(i) + "\n\n");
            }
        }
    }

    /** The card followed by the first {@code k} reference rules, each after a blank line. */
    static String withRules(String card, int k) {
        StringBuilder b = new StringBuilder(card);
        for (String rule : ChannelRules.REFERENCE.subList(0, k)) b.append("\n\n").append(rule);
        return b.toString();
    }

    public ChatPrompt build(ReplyRequest r) {
        ZoneId zone = zone(r);
        // Past the cap, the oldest turns go in chunks, so the shown transcript (and its cache) changes only
        // once every TRIM_CHUNK turns rather than at every step.
        int over = r.history().size() - maxTurns;
        int drop = over <= 0 ? 0 : Math.min(r.history().size() - 1, (over + TRIM_CHUNK - 1) / TRIM_CHUNK * TRIM_CHUNK);
        List<Turn> history = r.history().subList(drop, r.history().size());
        int received = (int) r.history().stream().filter(t -> !t.fromLead()).count();
        int number = received - (int) history.stream().filter(t -> !t.fromLead()).count();
        List<ChatMessage> raw = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Turn t = history.get(i);
            if (t.fromLead()) {
                raw.add(ChatMessage.assistant(Delimiters.label("your reply · " + t.channel().wire() + " · " + local(t.at(), zone))
                        + "\n" + Delimiters.escape(t.text())));
            } else {
                number++;
                // A later message always follows a history message (at least the newest one).
                boolean answered = i + 1 < history.size() && history.get(i + 1).fromLead();
                String msg = message(number, t.channel().wire(), t.subject(), t.text(), local(t.at(), zone));
                String after = afterwards(t, answered);
                // A separate part: the message's own bytes stay those of the step it was newest, for caches.
                raw.add(after.isEmpty() ? ChatMessage.user(msg) : ChatMessage.user(msg, after));
            }
        }
        OutboundMessage m = r.message();
        raw.add(ChatMessage.user(message(number + 1, m.channel().wire(), m.subject(), m.body(), local(r.sentAt(), zone, r.localTime()))));
        String state = state(r, zone, number + 1, history);
        return new ChatPrompt(JobSchema.PERSONA_REPLY, systemPrompt(r.persona(), r.situation()), alternate(raw),
                MAX_TOKENS, TEMPERATURE, samplingSeed(r), false, state, VERSION);
    }

    /** A message renders the same as the newest message and later as history: caches depend on it. */
    static String message(int n, String channel, String subject, String body, String when) {
        String text = (subject == null || subject.isBlank() ? "" : "Subject: " + subject + "\n") + (body == null ? "" : body);
        return Delimiters.wrap("message " + n, channel + " · reached you " + when, text);
    }

    /** What the lead did with a message: code-written, after the closing label. */
    private static String afterwards(Turn t, boolean answered) {
        List<String> done = t.actions().stream().filter(a -> a != Action.REPLIED).map(Action::wire).collect(Collectors.toList());
        if (!answered) done.add("no reply before the next message");
        return done.isEmpty() ? "" : Delimiters.label("you · " + String.join(", ", done));
    }

    private static String state(ReplyRequest r, ZoneId zone, int newest, List<Turn> history) {
        long replies = r.history().stream().filter(Turn::fromLead).count();
        String now = local(r.sentAt(), zone, r.localTime());
        StringBuilder b = new StringBuilder(Delimiters.label("state")).append(" Now: ").append(now);
        if (zone != null) b.append(" (").append(zone.getId()).append(')');
        b.append(". Message ").append(newest).append(" just reached you. So far you have received ").append(newest)
                .append(newest == 1 ? " message" : " messages").append(" and replied ").append(replies)
                .append(replies == 1 ? " time." : " times.");
        if (history.size() < r.history().size()) {
            b.append(" Only the last ").append(history.size()).append(" turns are shown.");
        }
        return b.toString();
    }

    private static ZoneId zone(ReplyRequest r) {
        String z = r.situation() != null && r.situation().timezone() != null ? r.situation().timezone() : r.persona().timezone();
        try {
            return z == null ? null : ZoneId.of(z);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String local(long epochMs, ZoneId zone) {
        return local(epochMs, zone, null);
    }

    private static String local(long epochMs, ZoneId zone, String fallback) {
        if (zone == null) return fallback != null && !fallback.isBlank() ? fallback : Instant.ofEpochMilli(epochMs).toString();
        return LocalTimeText.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /**
     * Chat APIs (Bedrock's in particular) require alternating roles starting with a user turn:
     * merge neighbours with the same role (e.g. two messages the lead ignored) and open with a
     * user turn when the conversation starts on the lead's own message.
     */
    static List<ChatMessage> alternate(List<ChatMessage> raw) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : raw) {
            if (out.isEmpty() && m.role() == ChatMessage.Role.ASSISTANT) {
                out.add(ChatMessage.user(Delimiters.label("you wrote first")));
            }
            ChatMessage last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.role() == m.role()) {
                out.set(out.size() - 1, last.plus(m));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The model's sampling seed: the run's for walk 0 (as before walks existed, so recordings keep their keys),
     * the walk's own seed otherwise, so each walk samples anew and records under its own replay key.
     */
    static long samplingSeed(ReplyRequest r) {
        return r.walk() == 0 ? r.seed() : dev.rehearsal.engine.random.Draws.walkSeed(r.seed(), r.walk());
    }
}
