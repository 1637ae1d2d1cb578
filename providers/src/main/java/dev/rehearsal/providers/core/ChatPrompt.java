package dev.rehearsal.providers.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider-neutral request: a static system prompt (the cacheable prefix), real multi-turn
 * messages (alternating, ending with a user turn) and the JSON Schema the answer must meet.
 * {@code seed} is passed to providers that accept one; null when none.
 */
public record ChatPrompt(JobSchema schema, String system, List<ChatMessage> messages, int maxTokens,
                         double temperature, Long seed) {
    public ChatPrompt {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != ChatMessage.Role.USER) {
            throw new IllegalArgumentException("a prompt must end with a user turn");
        }
    }

    /** This prompt plus the model's invalid answer and a user turn listing what was wrong with it. */
    public ChatPrompt withRepair(String invalidAnswer, List<String> problems) {
        List<ChatMessage> m = new ArrayList<>(messages);
        m.add(ChatMessage.assistant(invalidAnswer == null || invalidAnswer.isBlank() ? "(empty)" : invalidAnswer));
        m.add(ChatMessage.user("That answer is not valid against the required JSON schema:\n- "
                + String.join("\n- ", problems)
                + "\nAnswer again with one corrected JSON object only."));
        return new ChatPrompt(schema, system, m, maxTokens, temperature, seed);
    }
}
