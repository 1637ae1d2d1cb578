package dev.rehearsal.providers.core;

import java.util.List;

/**
 * One turn sent to a chat model: the workflow speaks as "user", the simulated lead as "assistant".
 * A turn may hold several parts (e.g. two messages the lead ignored); keeping them apart, rather
 * than concatenated, leaves earlier parts byte-stable so a prompt cache can keep covering them.
 */
public record ChatMessage(Role role, List<String> parts) {
    public enum Role {
        USER, ASSISTANT;

        public String wire() {
            return this == USER ? "user" : "assistant";
        }
    }

    public ChatMessage {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) throw new IllegalArgumentException("a turn needs at least one part");
    }

    public static ChatMessage user(String... parts) {
        return new ChatMessage(Role.USER, List.of(parts));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(text));
    }

    /** The turn as one text, for APIs that take a string per message. */
    public String text() {
        return String.join("\n\n", parts);
    }

    public ChatMessage plus(ChatMessage other) {
        List<String> p = new java.util.ArrayList<>(parts);
        p.addAll(other.parts);
        return new ChatMessage(role, p);
    }
}
