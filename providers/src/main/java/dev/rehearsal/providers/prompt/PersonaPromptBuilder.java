package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.JobSchema;
import dev.rehearsal.providers.cost.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a persona-reply prompt: the persona card as system prompt, the conversation as real
 * turns (workflow messages as user, the lead's replies as assistant), recent turns verbatim and
 * older ones summarised one line each.
 *
 * <p>The window moves in chunks: between {@code window} and {@code window + chunk - 1} turns stay
 * verbatim, and the summary changes only every {@code chunk} turns. In between, each step's prompt
 * is the previous one plus the new turns, so provider prompt caches cover the whole conversation,
 * not only the persona card. Only the arrival time, the last part, differs.
 *
 * <p>With a prefix target (the model's minimum cacheable prefix) the system prompt also carries
 * {@link CalibrationExamples}, so that the static prefix is large enough to be cached at all.
 */
public final class PersonaPromptBuilder {
    public static final int DEFAULT_WINDOW = 4;
    public static final int DEFAULT_CHUNK = 8;
    static final int MAX_TOKENS = 400;
    static final double TEMPERATURE = 0.7;

    private final int window;
    private final int chunk;
    private final int targetPrefixTokens;
    private final Map<Persona, String> systemPrompts = new ConcurrentHashMap<>();

    public PersonaPromptBuilder() {
        this(DEFAULT_WINDOW, DEFAULT_CHUNK);
    }

    public PersonaPromptBuilder(int window, int chunk) {
        this(window, chunk, 0);
    }

    /**
     * {@code targetPrefixTokens}: the cacheable prefix (system prompt plus answer schema, as
     * {@link TokenCounter#prefix} counts it) should reach this many tokens, typically the model's
     * minimum cacheable prefix. Whole {@link CalibrationExamples} are appended to the system prompt
     * until it does, or until the catalogue runs out. 0 = no examples.
     */
    public PersonaPromptBuilder(int window, int chunk, int targetPrefixTokens) {
        if (window < 1 || chunk < 1) throw new IllegalArgumentException("window and chunk must be at least 1");
        if (targetPrefixTokens < 0) throw new IllegalArgumentException("targetPrefixTokens must not be negative");
        this.window = window;
        this.chunk = chunk;
        this.targetPrefixTokens = targetPrefixTokens;
    }

    /** A builder with the default window whose cacheable prefix reaches {@code targetPrefixTokens}. */
    public static PersonaPromptBuilder withPrefixTarget(int targetPrefixTokens) {
        return new PersonaPromptBuilder(DEFAULT_WINDOW, DEFAULT_CHUNK, targetPrefixTokens);
    }

    public int targetPrefixTokens() {
        return targetPrefixTokens;
    }

    /** Persona card, then as many whole calibration examples as the prefix target needs. Same bytes every call. */
    public String systemPrompt(Persona p) {
        return systemPrompts.computeIfAbsent(p, this::compose);
    }

    private String compose(Persona p) {
        String card = PersonaCard.systemPrompt(p);
        if (targetPrefixTokens == 0) return card;
        TokenCounter tokens = TokenCounter.o200k();
        int fixed = TokenCounter.PER_MESSAGE_OVERHEAD + tokens.count(JobSchema.PERSONA_REPLY.compactText());
        if (fixed + tokens.count(card) >= targetPrefixTokens) return card;
        StringBuilder b = new StringBuilder(card).append("\n\n").append(CalibrationExamples.HEADING);
        for (String example : CalibrationExamples.forPersona(p)) {
            if (fixed + tokens.count(b.toString()) >= targetPrefixTokens) break;
            b.append("\n\n").append(example);
        }
        return b.toString();
    }

    public ChatPrompt build(ReplyRequest r) {
        List<Turn> history = r.history();
        int cut = Math.max(0, history.size() - window) / chunk * chunk;
        List<ChatMessage> raw = new ArrayList<>();
        if (cut > 0) raw.add(ChatMessage.user(TurnSummarizer.summarize(history.subList(0, cut))));
        for (Turn t : history.subList(cut, history.size())) {
            raw.add(t.fromLead() ? ChatMessage.assistant(t.text()) : ChatMessage.user(render(t)));
        }
        String arrival = r.localTime() == null || r.localTime().isBlank() ? "(arrives now)" : "(arrives " + r.localTime() + ")";
        raw.add(ChatMessage.user(render(r.message()), arrival));
        return new ChatPrompt(JobSchema.PERSONA_REPLY, systemPrompt(r.persona()), alternate(raw),
                MAX_TOKENS, TEMPERATURE, r.seed(), true);
    }

    /** A message renders the same as the current message and later as history: caches depend on it. */
    static String render(Turn t) {
        return "[" + t.channel().wire() + "]\n" + body(t.subject(), t.text());
    }

    static String render(OutboundMessage m) {
        return "[" + m.channel().wire() + "]\n" + body(m.subject(), m.body());
    }

    private static String body(String subject, String text) {
        return (subject == null || subject.isBlank() ? "" : "Subject: " + subject + "\n") + (text == null ? "" : text);
    }

    /**
     * Chat APIs (Bedrock's in particular) require alternating roles starting with a user turn:
     * merge neighbours with the same role (e.g. two messages the lead ignored) and open with a
     * user turn when the window starts on a reply.
     */
    static List<ChatMessage> alternate(List<ChatMessage> raw) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : raw) {
            if (out.isEmpty() && m.role() == ChatMessage.Role.ASSISTANT) out.add(ChatMessage.user("(earlier message)"));
            ChatMessage last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.role() == m.role()) {
                out.set(out.size() - 1, last.plus(m));
            } else {
                out.add(m);
            }
        }
        return out;
    }
}
