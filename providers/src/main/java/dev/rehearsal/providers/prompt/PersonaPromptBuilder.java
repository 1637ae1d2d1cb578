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
 * turns (workflow messages as user, the lead's replies as assistant), the last {@code window}
 * turns verbatim and older ones summarised one line each.
 */
public final class PersonaPromptBuilder {
    public static final int DEFAULT_WINDOW = 6;
    static final int MAX_TOKENS = 400;
    static final double TEMPERATURE = 0.7;

    private final int window;

    public PersonaPromptBuilder() {
        this(DEFAULT_WINDOW);
    }

    public PersonaPromptBuilder(int window) {
        if (window < 1) throw new IllegalArgumentException("window must be at least 1");
        this.window = window;
    }

    public ChatPrompt build(ReplyRequest r) {
        List<Turn> history = r.history();
        int cut = Math.max(0, history.size() - window);
        List<ChatMessage> raw = new ArrayList<>();
        if (cut > 0) raw.add(ChatMessage.user(TurnSummarizer.summarize(history.subList(0, cut))));
        for (Turn t : history.subList(cut, history.size())) {
            raw.add(t.fromLead() ? ChatMessage.assistant(t.text()) : ChatMessage.user(render(t)));
        }
        raw.add(ChatMessage.user(render(r.message(), r.localTime())));
        return new ChatPrompt(JobSchema.PERSONA_REPLY, PersonaCard.systemPrompt(r.persona()), alternate(raw),
                MAX_TOKENS, TEMPERATURE, r.seed());
    }

    static String render(Turn t) {
        return header(t.channel().wire(), null) + body(t.subject(), t.text());
    }

    static String render(OutboundMessage m, String localTime) {
        return header(m.channel().wire(), localTime) + body(m.subject(), m.body());
    }

    private static String header(String channel, String localTime) {
        return "[" + channel + (localTime == null || localTime.isBlank() ? "" : ", " + localTime) + "]\n";
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
                out.set(out.size() - 1, new ChatMessage(m.role(), last.text() + "\n\n" + m.text()));
            } else {
                out.add(m);
            }
        }
        return out;
    }
}
