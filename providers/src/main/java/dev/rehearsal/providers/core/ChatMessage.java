package dev.rehearsal.providers.core;

/** One turn sent to a chat model: the workflow speaks as "user", the simulated lead as "assistant". */
public record ChatMessage(Role role, String text) {
    public enum Role {
        USER, ASSISTANT;

        public String wire() {
            return this == USER ? "user" : "assistant";
        }
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }
}
