package dev.rehearsal.providers;

import java.util.Locale;

public enum ProviderKind {
    OFFLINE, BEDROCK, OPENAI, OLLAMA;

    public static ProviderKind parse(String s) {
        if (s == null || s.isBlank()) return OFFLINE;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("provider must be offline, bedrock, openai or ollama, not '" + s + "'");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model used when none is configured. */
    public String defaultModel() {
        return switch (this) {
            case OFFLINE -> "offline";
            case BEDROCK -> "us.anthropic.claude-haiku-4-5-20251001-v1:0";
            case OPENAI -> "gpt-4.1-mini";
            case OLLAMA -> "gpt-oss:20b";
        };
    }

    /** Null means the client's own default (api.openai.com; Bedrock's regional endpoint). */
    public String defaultBaseUrl() {
        return this == OLLAMA ? "https://ollama.com" : null;
    }
}
