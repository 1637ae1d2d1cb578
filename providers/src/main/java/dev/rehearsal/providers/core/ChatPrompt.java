package dev.rehearsal.providers.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider-neutral request: a static system prompt (the cacheable prefix), real multi-turn
 * messages (alternating, ending with a user turn) and the JSON Schema the answer must meet.
 * {@code seed} is passed to providers that accept one; null when none.
 *
 * <p>{@code volatileTail}: only the last part of the last turn changes from one step to the next
 * (e.g. the arrival time), so everything before it may carry a second cache point.
 *
 * <p>{@code state}: a line built by code for this call only (the time now, what happened so far), sent in
 * the system/developer position after the conversation, never inside a business turn; null when none.
 * {@code promptVersion} names the prompt's wording ("persona-2"): it is part of the replay key, so a
 * recording made with other wording is reported stale instead of silently missed.
 */
public record ChatPrompt(JobSchema schema, String system, List<ChatMessage> messages, int maxTokens,
                         double temperature, Long seed, boolean volatileTail, String state, String promptVersion) {
    public ChatPrompt {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != ChatMessage.Role.USER) {
            throw new IllegalArgumentException("a prompt must end with a user turn");
        }
    }

    public ChatPrompt(JobSchema schema, String system, List<ChatMessage> messages, int maxTokens, double temperature,
                      Long seed, boolean volatileTail) {
        this(schema, system, messages, maxTokens, temperature, seed, volatileTail, null, null);
    }

    public ChatPrompt(JobSchema schema, String system, List<ChatMessage> messages, int maxTokens, double temperature,
                      Long seed) {
        this(schema, system, messages, maxTokens, temperature, seed, false);
    }

    /** This prompt tagged with the version of its wording. */
    public ChatPrompt versioned(String version) {
        return new ChatPrompt(schema, system, messages, maxTokens, temperature, seed, volatileTail, state, version);
    }

    /** Whether the provider may cache the conversation up to (not including) the last part. */
    public boolean conversationCacheable() {
        return volatileTail && messages.get(messages.size() - 1).parts().size() > 1;
    }

    /** This prompt plus the model's invalid answer and a user turn listing what was wrong with it. */
    public ChatPrompt withRepair(String invalidAnswer, List<String> problems) {
        List<ChatMessage> m = new ArrayList<>(messages);
        m.add(ChatMessage.assistant(invalidAnswer == null || invalidAnswer.isBlank() ? "(empty)" : invalidAnswer));
        m.add(ChatMessage.user("That answer is not valid against the required JSON schema:\n- "
                + String.join("\n- ", problems)
                + "\nAnswer again with one corrected JSON object only."));
        return new ChatPrompt(schema, system, m, maxTokens, temperature, seed, false, state, promptVersion);
    }
}
