package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.JobSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a persona-reply prompt: the persona card as system prompt, the conversation as real
 * turns (workflow messages as user, the lead's replies as assistant), recent turns verbatim and
 * older ones summarised one line each.
 *
 * <p>The window moves in chunks: between {@code window} and {@code window + chunk - 1} turns stay
 * verbatim, and the summary changes only every {@code chunk} turns. In between, each step's prompt
 * is the previous one plus the new turns, so provider prompt caches cover the whole conversation,
 * not only the persona card. Only the arrival time, the last part, differs.
 */
public final class PersonaPromptBuilder {
    public static final int DEFAULT_WINDOW = 4;
    public static final int DEFAULT_CHUNK = 8;
    static final int MAX_TOKENS = 400;
    static final double TEMPERATURE = 0.7;

    private final int window;
    private final int chunk;

    public PersonaPromptBuilder() {
        this(DEFAULT_WINDOW, DEFAULT_CHUNK);
    }

    public PersonaPromptBuilder(int window, int chunk) {
        if (window < 1 || chunk < 1) throw new IllegalArgumentException("window and chunk must be at least 1");
        this.window = window;
        this.chunk = chunk;
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
        return new ChatPrompt(JobSchema.PERSONA_REPLY, PersonaCard.systemPrompt(r.persona()), alternate(raw),
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
